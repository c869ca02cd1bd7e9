/**
 * pywbem 0.7's response parser, ported rule for rule: python-pywbem 0.7.0,
 * under which check_esxi_hardware and other Python 2 plugins still run on old
 * monitoring hosts (CentOS 6, EPEL). Source: the 0.7 release as kept in
 * github.com/pywbem/pywbem, releases/pywbem-0.7/: `tupleparse.py` (check_node,
 * the parse_* functions, unpack_value, unpack_boolean, parse_embeddedObject),
 * `cim_obj.py` (tocimobj) and `cim_types.py` (CIMDateTime).
 *
 * - check_node: an element must carry its required attributes and nothing
 *   outside required + optional (names compared exactly: `EmbeddedObject`
 *   or `EMBEDDEDOBJECT`, nothing else), its children must be among the
 *   allowed ones where the parser lists them, and text is allowed only in
 *   VALUE, KEYVALUE and HOST; anything else raises ParseError.
 * - An element without a parse_ function (VALUE.NULL, VALUE.INSTANCEWITHPATH,
 *   ENUMERATIONCONTEXT, …) raises ParseError "no parser for node type".
 * - CIM: CIMVERSION must be exactly "2.0" (`<> '2.0'`); the error path then
 *   formats attrs(tt)[CIMVERSION], a name never defined, so what is raised
 *   is a NameError. pywbem 0.8 checks startswith('2.') instead ("Fixed the
 *   checking of CIMVERSION", its NEWS), and so does RHEL 7's python-pywbem
 *   0.7.0-*.20130827svn625, an svn snapshot whose changelog has "Fixed
 *   checking of CIMVERSION in CIM-XML": this port is the 0.7.0 release.
 * - KEYVALUE (parse_keyvalue): VALUETYPE string as it is, boolean through
 *   unpack_boolean (`true`, `false` or empty once stripped, any case),
 *   numeric through int(text.strip()) (a real-valued key raises "invalid
 *   numeric"); any other VALUETYPE raises.
 * - PROPERTY, PROPERTY.ARRAY and QUALIFIER (unpack_value): at most one VALUE
 *   or VALUE.ARRAY, each VALUE through tocimobj(TYPE, text): empty text of
 *   any type but string is None, booleans `true`/`false` in any case,
 *   integers by long(), reals by float(), datetimes by CIMDateTime's two
 *   patterns, and char16 raises ValueError('CIMType char16 not handled').
 * - EmbeddedObject / EMBEDDEDOBJECT on a PROPERTY, PROPERTY.ARRAY or
 *   PARAMVALUE (parse_embeddedObject): each value is parsed again as XML and
 *   must be an INSTANCE or CLASS, read with the same checks.
 * - A QUALIFIER's flavors must be exactly `true` or `false`.
 * Any of these ends the operation with an exception, which the plugin does
 * not catch per class: the whole check fails.
 */

export class Pywbem07Error extends Error {}

export interface TupleNode {
  name: string;
  attrs: Record<string, string>;
  kids: TupleNode[];
  /** The concatenated character data (xml.dom.minidom decodes the entities). */
  text: string;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const decode = (s: string) => s.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (m, e: string) =>
  e.startsWith('#x') ? String.fromCodePoint(parseInt(e.slice(2), 16)) : e.startsWith('#') ? String.fromCodePoint(Number(e.slice(1))) : ENTITIES[e] ?? m);

/** A small well-formed-XML reader standing in for xml.dom.minidom + dom_to_tupletree. */
export function tupletree(xml: string): TupleNode {
  const stack: TupleNode[] = [{ name: '#document', attrs: {}, kids: [], text: '' }];
  const token = /<\?[^>]*\?>|<!--[\s\S]*?-->|<\/([^\s>]+)\s*>|<([^\s/>]+)((?:\s+[^\s=]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/g;
  for (let m = token.exec(xml); m; m = token.exec(xml)) {
    const top = stack[stack.length - 1]!;
    if (m[1]) {
      if (top.name !== m[1]) throw new Pywbem07Error(`mismatched tag ${m[1]}`);
      stack.pop();
    } else if (m[2]) {
      const attrs: Record<string, string> = {};
      for (const a of m[3]!.matchAll(/([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) attrs[a[1]!] = decode(a[2] ?? a[3]!);
      const node: TupleNode = { name: m[2], attrs, kids: [], text: '' };
      top.kids.push(node);
      if (!m[4]) stack.push(node);
    } else if (m[5] !== undefined) {
      top.text += decode(m[5]);
    }
  }
  if (stack.length !== 1 || stack[0]!.kids.length !== 1) throw new Pywbem07Error('not one document element');
  return stack[0]!.kids[0]!;
}

interface Rule {
  required?: readonly string[];
  optional?: readonly string[];
  /** Allowed child elements; undefined: not checked by check_node. */
  children?: readonly string[];
  text?: boolean;
}

const FLAVORS = ['OVERRIDABLE', 'TOSUBCLASS', 'TOINSTANCE', 'TRANSLATABLE'];
const EMBEDDED = ['EmbeddedObject', 'EMBEDDEDOBJECT'];
const RULES: Record<string, Rule> = {
  CIM: { required: ['CIMVERSION', 'DTDVERSION'] },
  MESSAGE: { required: ['ID', 'PROTOCOLVERSION'] },
  SIMPLERSP: { children: ['METHODRESPONSE', 'IMETHODRESPONSE'] },
  IMETHODRESPONSE: { required: ['NAME'], children: ['ERROR', 'IRETURNVALUE'] },
  METHODRESPONSE: { required: ['NAME'], children: ['ERROR', 'RETURNVALUE', 'PARAMVALUE'] },
  ERROR: { required: ['CODE'], optional: ['DESCRIPTION'] },
  IRETURNVALUE: {
    children: ['CLASSNAME', 'INSTANCENAME', 'VALUE', 'VALUE.OBJECTWITHPATH', 'VALUE.OBJECT', 'OBJECTPATH', 'QUALIFIER.DECLARATION',
      'VALUE.ARRAY', 'VALUE.REFERENCE', 'CLASS', 'INSTANCE', 'VALUE.NAMEDINSTANCE'],
  },
  RETURNVALUE: { optional: ['PARAMTYPE'], children: ['VALUE', 'VALUE.ARRAY', 'VALUE.REFERENCE', 'VALUE.REFARRAY'] },
  PARAMVALUE: { required: ['NAME'], optional: ['PARAMTYPE', ...EMBEDDED], children: ['VALUE', 'VALUE.REFERENCE', 'VALUE.ARRAY', 'VALUE.REFARRAY'] },
  VALUE: { children: [], text: true },
  'VALUE.ARRAY': { children: ['VALUE'] },
  'VALUE.REFERENCE': { children: ['CLASSPATH', 'LOCALCLASSPATH', 'CLASSNAME', 'INSTANCEPATH', 'LOCALINSTANCEPATH', 'INSTANCENAME'] },
  'VALUE.REFARRAY': { children: ['VALUE.REFERENCE'] },
  'VALUE.OBJECT': { children: ['CLASS', 'INSTANCE'] },
  'VALUE.NAMEDINSTANCE': { children: ['INSTANCENAME', 'INSTANCE'] },
  'VALUE.OBJECTWITHPATH': { children: ['CLASSPATH', 'CLASS', 'INSTANCEPATH', 'INSTANCE'] },
  NAMESPACEPATH: { children: ['HOST', 'LOCALNAMESPACEPATH'] },
  LOCALNAMESPACEPATH: { children: ['NAMESPACE'] },
  HOST: { text: true },
  NAMESPACE: { required: ['NAME'], children: [] },
  CLASSPATH: { children: ['NAMESPACEPATH', 'CLASSNAME'] },
  LOCALCLASSPATH: { children: ['LOCALNAMESPACEPATH', 'CLASSNAME'] },
  CLASSNAME: { required: ['NAME'], children: [] },
  INSTANCEPATH: { children: ['NAMESPACEPATH', 'INSTANCENAME'] },
  LOCALINSTANCEPATH: { children: ['LOCALNAMESPACEPATH', 'INSTANCENAME'] },
  INSTANCENAME: { required: ['CLASSNAME'], children: ['KEYBINDING', 'KEYVALUE', 'VALUE.REFERENCE'] },
  OBJECTPATH: { children: ['INSTANCEPATH', 'CLASSPATH'] },
  KEYBINDING: { required: ['NAME'], children: ['KEYVALUE', 'VALUE.REFERENCE'] },
  KEYVALUE: { required: ['VALUETYPE'], optional: ['TYPE'], children: [], text: true },
  CLASS: { required: ['NAME'], optional: ['SUPERCLASS'], children: ['QUALIFIER', 'PROPERTY', 'PROPERTY.REFERENCE', 'PROPERTY.ARRAY', 'METHOD'] },
  // parse_instance passes its child names as optional attributes and checks no children.
  INSTANCE: { required: ['CLASSNAME'], optional: ['QUALIFIER', 'PROPERTY', 'PROPERTY.ARRAY', 'PROPERTY.REFERENCE'] },
  'QUALIFIER.DECLARATION': { required: ['NAME', 'TYPE'], optional: ['ISARRAY', 'ARRAYSIZE', ...FLAVORS], children: ['SCOPE', 'VALUE', 'VALUE.ARRAY'] },
  SCOPE: { optional: ['CLASS', 'ASSOCIATION', 'REFERENCE', 'PROPERTY', 'METHOD', 'PARAMETER', 'INDICATION'], children: [] },
  QUALIFIER: { required: ['NAME', 'TYPE'], optional: [...FLAVORS, 'PROPAGATED'], children: ['VALUE', 'VALUE.ARRAY'] },
  PROPERTY: { required: ['TYPE', 'NAME'], optional: ['CLASSORIGIN', 'PROPAGATED', ...EMBEDDED], children: ['QUALIFIER', 'VALUE'] },
  'PROPERTY.ARRAY': { required: ['NAME', 'TYPE'], optional: ['REFERENCECLASS', 'CLASSORIGIN', 'PROPAGATED', 'ARRAYSIZE', ...EMBEDDED], children: ['QUALIFIER', 'VALUE.ARRAY'] },
  'PROPERTY.REFERENCE': { required: ['NAME'], optional: ['REFERENCECLASS', 'CLASSORIGIN', 'PROPAGATED'] },
  METHOD: { required: ['NAME'], optional: ['TYPE', 'CLASSORIGIN', 'PROPAGATED'], children: ['QUALIFIER', 'PARAMETER', 'PARAMETER.REFERENCE', 'PARAMETER.ARRAY', 'PARAMETER.REFARRAY'] },
  PARAMETER: { required: ['NAME', 'TYPE'] },
  'PARAMETER.REFERENCE': { required: ['NAME'], optional: ['REFERENCECLASS'] },
  'PARAMETER.ARRAY': { required: ['NAME', 'TYPE'], optional: ['ARRAYSIZE'] },
  'PARAMETER.REFARRAY': { required: ['NAME'], optional: ['REFERENCECLASS', 'ARRAYSIZE'] },
};

/**
 * The children a parse_ function reads through list_of_matching where
 * check_node does not restrict them: any other child is never parsed nor
 * checked (an INSTANCE's QUALIFIERs, for one).
 */
const MATCHED: Record<string, readonly string[]> = {
  INSTANCE: ['PROPERTY', 'PROPERTY.ARRAY', 'PROPERTY.REFERENCE'],
  'PROPERTY.REFERENCE': ['QUALIFIER', 'VALUE.REFERENCE'],
  PARAMETER: ['QUALIFIER'], 'PARAMETER.REFERENCE': ['QUALIFIER'], 'PARAMETER.ARRAY': ['QUALIFIER'], 'PARAMETER.REFARRAY': ['QUALIFIER'],
};

/** cim_types.CIMDateTime's patterns (a timestamp, else an interval). */
const TIMESTAMP = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})\.(\d{6})([+|-])(\d{3})/;
const INTERVAL = /^(\d{8})(\d{2})(\d{2})(\d{2})\.(\d{6})(:)(000)/;

/** cim_obj.tocimobj(type, text): the Python value (null for None), or the ValueError it raises. */
export function tocimobj(type: string, text: string): unknown {
  if (type !== 'string' && text === '') return null;
  if (type === 'boolean') {
    if (text.toLowerCase() === 'true' || text.toLowerCase() === 'false') return text.toLowerCase() === 'true';
    throw new Pywbem07Error(`ValueError: Invalid boolean value "${text}"`);
  }
  if (type === 'string') return text;
  if (type === 'char16') throw new Pywbem07Error('ValueError: CIMType char16 not handled');
  if (/^[us]int(8|16|32|64)$/.test(type)) {
    if (!/^\s*[+-]?\d+\s*$/.test(text)) throw new Pywbem07Error(`ValueError: invalid literal for int(): '${text}'`);
    return BigInt(text.trim());
  }
  if (type === 'real32' || type === 'real64') {
    if (!/^\s*([+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?|[+-]?(inf|infinity|nan))\s*$/i.test(text)) throw new Pywbem07Error(`ValueError: invalid literal for float(): ${text}`);
    return Number(text);
  }
  if (type === 'datetime') {
    const stamp = TIMESTAMP.exec(text);
    if (stamp) {
      const [y, mo, d, h, mi, s] = stamp.slice(1, 7).map(Number) as [number, number, number, number, number, number];
      const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
      if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > days || h > 23 || mi > 59 || s > 59) throw new Pywbem07Error(`ValueError: day/month out of range in ${text}`);
      return text;
    }
    if (INTERVAL.test(text)) return text;
    throw new Pywbem07Error(`ValueError: Invalid Datetime format "${text}"`);
  }
  throw new Pywbem07Error(`ValueError: Invalid CIM type "${type}"`);
}

function checkNode(node: TupleNode): void {
  const rule = RULES[node.name];
  if (!rule) throw new Pywbem07Error(`ParseError: no parser for node type ${node.name}`);
  const attrs = new Set(Object.keys(node.attrs));
  for (const a of rule.required ?? []) {
    if (!attrs.delete(a)) throw new Pywbem07Error(`ParseError: expected ${a} attribute on ${node.name} node`);
  }
  for (const a of rule.optional ?? []) attrs.delete(a);
  if (attrs.size) throw new Pywbem07Error(`ParseError: invalid extra attributes [${[...attrs].join(', ')}] on ${node.name}`);
  if (rule.children) {
    for (const kid of node.kids) {
      if (!rule.children.includes(kid.name)) throw new Pywbem07Error(`ParseError: unexpected node ${kid.name} under ${node.name}`);
    }
  }
  if (!rule.text && node.text.trim() !== '') throw new Pywbem07Error(`ParseError: unexpected non-blank pcdata under ${node.name}`);
}

/** unpack_boolean: a KEYVALUE boolean, stripped, in any case; empty is None. */
function unpackBoolean(text: string): boolean | null {
  const value = text.trim().toLowerCase();
  if (value === '') return null;
  if (value === 'true' || value === 'false') return value === 'true';
  throw new Pywbem07Error(`ParseError: invalid boolean '${value}'`);
}

/** parse_keyvalue: the key's Python value by its VALUETYPE. */
function keyValue(node: TupleNode): unknown {
  switch (node.attrs['VALUETYPE']) {
    case 'string': return node.text;
    case 'boolean': return unpackBoolean(node.text);
    case 'numeric':
      // int(p.strip()): digits with an optional sign, nothing else.
      if (!/^[+-]?\d+$/.test(node.text.trim())) throw new Pywbem07Error(`ParseError: invalid numeric '${node.text}' under KEYVALUE`);
      return BigInt(node.text.trim());
    default: throw new Pywbem07Error(`ParseError: invalid VALUETYPE ${node.attrs['VALUETYPE']} in KEYVALUE`);
  }
}

/** unpack_value: the one VALUE or VALUE.ARRAY of a PROPERTY, PROPERTY.ARRAY or QUALIFIER through tocimobj. */
function unpackValue(node: TupleNode): unknown {
  const raw = node.kids.filter((k) => k.name === 'VALUE' || k.name === 'VALUE.ARRAY');
  if (raw.length > 1) throw new Pywbem07Error(`ParseError: more than one VALUE or VALUE.ARRAY under ${node.name}`);
  const [value] = raw;
  if (!value) return null;
  const type = node.attrs['TYPE']!;
  // unpack_value's own "empty VALUE of a non-string type is None" is tocimobj's first rule too.
  return value.name === 'VALUE.ARRAY' ? value.kids.map((v) => tocimobj(type, v.text)) : tocimobj(type, value.text);
}

const hasEmbeddedObject = (node: TupleNode) => EMBEDDED.some((a) => a in node.attrs);

/** parse_embeddedObject: each value (None skipped) parsed as XML, an INSTANCE or CLASS read with the same checks. */
function parseEmbedded(values: unknown): void {
  for (const value of Array.isArray(values) ? values : [values]) {
    if (value === null) continue;
    const root = tupletree(value as string);
    if (root.name !== 'INSTANCE' && root.name !== 'CLASS') throw new Pywbem07Error('ParseError: Error parsing embedded object');
    walk(root);
  }
}

/** A PARAMVALUE's value as parse_any leaves it: the VALUE text, the VALUE.ARRAY texts, or None. */
const paramValue = (node: TupleNode): unknown => {
  const [child] = node.kids;
  if (!child) return null;
  return child.name === 'VALUE.ARRAY' ? child.kids.map((v) => v.text) : child.text;
};

/** Every check of parse_any on `node` and below it, in the order pywbem 0.7 makes them. */
function walk(node: TupleNode): void {
  checkNode(node);
  if (node.name === 'CIM' && node.attrs['CIMVERSION'] !== '2.0') throw new Pywbem07Error("NameError: global name 'CIMVERSION' is not defined");
  if (node.name === 'QUALIFIER') {
    for (const f of [...FLAVORS, 'PROPAGATED']) {
      const v = node.attrs[f];
      if (v !== undefined && v !== 'true' && v !== 'false') throw new Pywbem07Error(`ParseError: invalid value '${v}' for ${f} on QUALIFIER`);
    }
  }
  // Children first: unpack_value parses VALUE / VALUE.ARRAY (check_node) before it converts.
  const matched = MATCHED[node.name];
  node.kids.filter((kid) => !matched || matched.includes(kid.name)).forEach(walk);
  if (node.name === 'KEYVALUE') keyValue(node);
  if (['PROPERTY', 'PROPERTY.ARRAY', 'QUALIFIER'].includes(node.name)) {
    const value = unpackValue(node);
    if (node.name !== 'QUALIFIER' && hasEmbeddedObject(node)) parseEmbedded(value);
  }
  if (node.name === 'PARAMVALUE' && hasEmbeddedObject(node)) parseEmbedded(paramValue(node));
}

/** parse_cim and everything below it; returns the tree when pywbem 0.7 accepts it, values converted as it would. */
export function pywbem07Parse(xml: string): TupleNode {
  const root = tupletree(xml);
  walk(root);
  return root;
}

/** Every descendant of `node` (itself included) named `name`. */
export function tupleFind(node: TupleNode, name: string): TupleNode[] {
  const found = node.name === name ? [node] : [];
  for (const kid of node.kids) found.push(...tupleFind(kid, name));
  return found;
}
