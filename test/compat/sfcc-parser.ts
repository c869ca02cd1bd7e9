/**
 * sblim-sfcc's CIM-XML response parser, ported rule for rule so that a test
 * can feed it thincim's answers: the C client library behind openwsman's CIM
 * plugin, sfcb's SLP agent and the sfcc bindings (ruby-sfcc and others).
 * Source: github.com/kkaempf/sblim-sfcc, backend/cimxml/cimXmlParser.c (the
 * lexer: its `tags` table, attrsOk, getContent) and backend/cimxml/grammar.c
 * (the recursive-descent grammar that consumes its tokens).
 *
 * What the C code does, and this port with it:
 * - A tag is found by the first `tags` entry it starts with, followed by a
 *   character that is not a letter or digit: `VALUE.NULL`, `VALUE.REFARRAY`
 *   and `QUALIFIER.DECLARATION` are not in the table, so they are read as
 *   VALUE (QUALIFIER) followed by garbage. A tag in no entry ends the token
 *   stream (the grammar then fails).
 * - attrsOk accepts only the attributes its entry lists (names compared
 *   without case, each once). Any other attribute, or anything but `>`,
 *   `/>` after them, is Throw(): printf("*** Error: …") and exit(1).
 *   getValue reads a value between `"` or `'`; an unquoted one is NULL (the
 *   attribute as if absent) and attrsOk carries on from the value's first
 *   character: a letter is read as the next attribute name, anything else
 *   but `>` or `/>` is the bad attribute list.
 * - Text is read only inside VALUE, KEYVALUE and HOST; anywhere else text
 *   that is not white space ends the token stream.
 * - The grammar's parseError() prints "Parse error. Expected token(s) …"
 *   and calls exit(0): the client process ends either way.
 * Both endings are thrown here as SfccExit with the message sfcc prints.
 */

export class SfccExit extends Error {}

/**
 * The `tags` table in order, each with the attributes attrsOk accepts: the
 * entries a response can meet. Left out: SIMPLEEXPREQ, EXPMETHODCALL and
 * EXPPARAMVALUE (export requests, for sfcc's indication listener) and the
 * two CDATA entries (`![CDATA[`, and "" for any tag that starts with neither
 * letter nor digit) through which sfcc reads an embedded instance that a
 * server wraps in CDATA: thincim escapes embedded objects instead, so a `<!`
 * or other such tag here ends the token stream as any unknown tag does.
 */
const TAGS: readonly (readonly [string, readonly string[]])[] = [
  ['?xml', ['version', 'encoding']],
  ['CIM', ['CIMVERSION', 'DTDVERSION']],
  ['MESSAGE', ['ID', 'PROTOCOLVERSION']],
  ['SIMPLERSP', []],
  ['ERROR', ['CODE', 'DESCRIPTION']],
  ['IMETHODRESPONSE', ['NAME']],
  ['IRETURNVALUE', []],
  ['LOCALNAMESPACEPATH', []],
  ['LOCALINSTANCEPATH', []],
  ['LOCALCLASSPATH', []],
  ['NAMESPACEPATH', []],
  ['NAMESPACE', ['NAME']],
  ['PARAMVALUE', ['NAME', 'PARAMTYPE', 'EMBEDDEDOBJECT']],
  ['CLASSNAME', ['NAME']],
  ['VALUE.ARRAY', []],
  ['VALUE.NAMEDINSTANCE', []],
  ['VALUE.REFERENCE', []],
  ['VALUE.OBJECTWITHPATH', []],
  ['VALUE', []],
  ['HOST', []],
  ['KEYVALUE', ['VALUETYPE']],
  ['KEYBINDING', ['NAME']],
  ['INSTANCEPATH', []],
  ['INSTANCENAME', ['CLASSNAME']],
  ['INSTANCE', ['CLASSNAME']],
  ['PROPERTY.REFERENCE', ['NAME', 'REFERENCECLASS', 'CLASSORIGIN', 'PROPAGATED']],
  ['PROPERTY.ARRAY', ['NAME', 'TYPE', 'CLASSORIGIN', 'PROPAGATED', 'ARRAYSIZE', 'EMBEDDEDOBJECT']],
  ['PROPERTY', ['NAME', 'TYPE', 'CLASSORIGIN', 'PROPAGATED', 'EMBEDDEDOBJECT']],
  ['QUALIFIER', ['NAME', 'TYPE', 'PROPAGATED', 'OVERRIDABLE', 'TOSUBCLASS', 'TOINSTANCE', 'TRANSLATABLE']],
  ['PARAMETER.ARRAY', ['NAME', 'TYPE', 'ARRAYSIZE']],
  ['PARAMETER.REFERENCE', ['NAME', 'REFERENCECLASS']],
  ['PARAMETER.REFARRAY', ['NAME', 'REFERENCECLASS', 'ARRAYSIZE']],
  ['PARAMETER', ['NAME', 'TYPE']],
  ['METHOD', ['NAME', 'TYPE', 'CLASSORIGIN', 'PROPAGATED']],
  ['CLASS', ['NAME', 'SUPERCLASS']],
  ['OBJECTPATH', []],
  ['METHODRESPONSE', ['NAME']],
  ['RETURNVALUE', ['PARAMTYPE', 'EMBEDDEDOBJECT']],
  ['CLASSPATH', []],
];

/** The elements whose text getContent reads. */
const WITH_TEXT = new Set(['VALUE', 'KEYVALUE', 'HOST']);

/**
 * grammar.c's content models, one regular expression over the child tags
 * (each written `<TAG>`) of an element; a child sequence that does not
 * match is a parseError.
 */
const PROPERTIES = '(<PROPERTY>|<PROPERTY\\.ARRAY>|<PROPERTY\\.REFERENCE>)*';
const PARAMETERS = '(<PARAMETER>|<PARAMETER\\.REFERENCE>|<PARAMETER\\.ARRAY>|<PARAMETER\\.REFARRAY>)*';
const MODELS: Record<string, string> = {
  '?xml': '',
  CIM: '<MESSAGE>',
  MESSAGE: '<SIMPLERSP>',
  SIMPLERSP: '<METHODRESPONSE>|<IMETHODRESPONSE>',
  IMETHODRESPONSE: '<ERROR>|<IRETURNVALUE>',
  METHODRESPONSE: '<ERROR>|(<RETURNVALUE>)?(<PARAMVALUE>)*',
  ERROR: '',
  IRETURNVALUE: '(<CLASS>)*|(<CLASSNAME>)*|(<INSTANCE>)*|(<INSTANCENAME>)*|(<VALUE\\.NAMEDINSTANCE>)*|(<OBJECTPATH>)*'
    + '|(<VALUE\\.OBJECTWITHPATH>)*|<VALUE>|<VALUE\\.ARRAY>|<VALUE\\.REFERENCE>',
  RETURNVALUE: '<VALUE>|<VALUE\\.REFERENCE>',
  PARAMVALUE: '(<VALUE>|<VALUE\\.REFERENCE>|<VALUE\\.ARRAY>)?',
  'VALUE.OBJECTWITHPATH': '<CLASSPATH><CLASS>|<INSTANCEPATH><INSTANCE>',
  'VALUE.NAMEDINSTANCE': '<INSTANCENAME><INSTANCE>',
  OBJECTPATH: '<INSTANCEPATH>',
  CLASSPATH: '<NAMESPACEPATH><CLASSNAME>',
  INSTANCEPATH: '<NAMESPACEPATH><INSTANCENAME>',
  LOCALINSTANCEPATH: '<LOCALNAMESPACEPATH><INSTANCENAME>',
  NAMESPACEPATH: '<HOST><LOCALNAMESPACEPATH>',
  LOCALNAMESPACEPATH: '(<NAMESPACE>)*',
  NAMESPACE: '', CLASSNAME: '', HOST: '', KEYVALUE: '', VALUE: '',
  INSTANCE: `(<QUALIFIER>)*${PROPERTIES}`,
  CLASS: `(<QUALIFIER>)*${PROPERTIES}(<METHOD>)*`,
  METHOD: `(<QUALIFIER>)*${PARAMETERS}`,
  PARAMETER: '(<QUALIFIER>)*', 'PARAMETER.REFERENCE': '(<QUALIFIER>)*',
  'PARAMETER.ARRAY': '(<QUALIFIER>)*', 'PARAMETER.REFARRAY': '(<QUALIFIER>)*',
  PROPERTY: '(<QUALIFIER>)*(<VALUE>)?',
  'PROPERTY.ARRAY': '(<QUALIFIER>)*(<VALUE\\.ARRAY>)?',
  'PROPERTY.REFERENCE': '(<QUALIFIER>)*(<VALUE\\.REFERENCE>)?',
  QUALIFIER: '(<VALUE>|<VALUE\\.ARRAY>)?',
  INSTANCENAME: '(<KEYBINDING>)*',
  KEYBINDING: '<KEYVALUE>|<VALUE\\.REFERENCE>',
  'VALUE.ARRAY': '(<VALUE>)*',
  'VALUE.REFERENCE': '<INSTANCEPATH>|<LOCALINSTANCEPATH>|<INSTANCENAME>',
};

export interface SfccElement {
  tag: string;
  /** Attribute values as sfcc keeps them: the raw text between the quotes, no entity decoded. */
  attrs: Record<string, string>;
  children: SfccElement[];
  /** getContent's text, trimmed of white space (VALUE, KEYVALUE, HOST only). */
  text?: string;
}

const isAlnum = (c: string | undefined) => c !== undefined && /[A-Za-z0-9]/.test(c);

/** sfcc's lexer and grammar over a whole answer body; returns the CIM element or throws SfccExit. */
export function sfccParse(xml: string): SfccElement {
  let cur = 0;
  const skipWS = () => { while (cur < xml.length && xml.charCodeAt(cur) <= 32) cur++; };

  /** getValue: the text between quotes, or undefined (C's NULL) with the cursor on an unquoted value. */
  const quotedValue = (): string | undefined => {
    skipWS();
    const quote = xml[cur];
    if (quote !== '"' && quote !== "'") return undefined;
    const end = xml.indexOf(quote, cur + 1);
    const value = xml.slice(cur + 1, end);
    cur = end + 1;
    return value;
  };

  const tagAt = (at: number) => TAGS.find(([tag]) => xml.startsWith(tag, at) && !isAlnum(xml[at + tag.length]));

  const attributes = (tag: string, allowed: readonly string[]): { attrs: Record<string, string>; empty: boolean } => {
    const attrs: Record<string, string> = {};
    const seen = new Set<string>();
    for (skipWS(); /[A-Za-z]/.test(xml[cur] ?? ''); skipWS()) {
      const name = allowed.find((a) => !seen.has(a) && xml.slice(cur, cur + a.length).toUpperCase() === a.toUpperCase() && !isAlnum(xml[cur + a.length]));
      if (!name) throw new SfccExit(`*** Error: Unknown attribute in list for ${tag} (${xml.slice(cur, cur + 10)})`);
      cur += name.length;
      skipWS();
      if (xml[cur] !== '=') throw new SfccExit("*** Error: '=' expected in attribute list");
      cur++;
      seen.add(name);
      const value = quotedValue();
      if (value !== undefined) attrs[name] = value;
    }
    if (xml.startsWith('/>', cur)) return { attrs, empty: (cur += 2, true) };
    if (xml[cur] === '>') return { attrs, empty: (cur += 1, false) };
    if (tag === '?xml' && xml.startsWith('?>', cur)) return { attrs, empty: (cur += 2, true) };
    throw new SfccExit(`*** Error: Bad attribute list for ${tag}: ${xml.slice(cur, cur + 30)} ${tag}`);
  };

  const parseError = (what: string): never => {
    throw new SfccExit(`Parse error. ${what} and following xml: ${xml.slice(cur, cur + 255)}...`);
  };

  /** One element from its start tag at `cur`, children and end tag included. */
  const element = (): SfccElement => {
    const entry = tagAt(cur + 1);
    if (!entry) return parseError('Unknown tag');
    const [tag, allowed] = entry;
    cur += 1 + tag.length;
    const { attrs, empty } = attributes(tag, allowed);
    const node: SfccElement = { tag, attrs, children: [] };
    if (empty) return checked(node);
    if (WITH_TEXT.has(tag) && xml[cur] !== '<') {
      const end = xml.indexOf('<', cur);
      node.text = xml.slice(cur, end).trim();
      cur = end;
    } else if (WITH_TEXT.has(tag)) node.text = '';
    for (;;) {
      skipWS();
      if (xml[cur] !== '<') return parseError(`Text in ${tag}`);
      if (xml.startsWith('<!--', cur)) { cur = xml.indexOf('-->', cur) + 3; continue; }
      if (xml[cur + 1] === '/') {
        const closing = tagAt(cur + 2);
        if (closing?.[0] !== tag) return parseError(`Expected the end of ${tag}, found ${closing?.[0] ?? 'an unknown tag'}`);
        cur = xml.indexOf('>', cur) + 1;
        return checked(node);
      }
      node.children.push(element());
    }
  };

  const checked = (node: SfccElement): SfccElement => {
    const model = MODELS[node.tag] ?? '';
    const sequence = node.children.map((child) => `<${child.tag}>`).join('');
    if (!new RegExp(`^(${model})$`).test(sequence)) parseError(`${node.tag} holding ${sequence || 'nothing'}`);
    return node;
  };

  skipWS();
  if (!xml.startsWith('<?xml', cur)) parseError('Expected token(s) XTOK_XML');
  element();
  skipWS();
  return element();
}

/** Every descendant of `node` (itself included) with the tag. */
export function sfccFind(node: SfccElement, tag: string): SfccElement[] {
  const found = node.tag === tag ? [node] : [];
  for (const child of node.children) found.push(...sfccFind(child, tag));
  return found;
}
