/**
 * pywbem 0.7's response parser, ported rule for rule: the pywbem of RHEL/
 * CentOS 6 and 7 (python-pywbem 0.7.0), under which check_esxi_hardware and
 * other Python 2 plugins still run on old monitoring hosts. Source:
 * github.com/pywbem/pywbem history, pywbem 0.7 `tupleparse.py` (check_node
 * and the parse_* functions), `cim_obj.py` (tocimobj) and `cim_types.py`
 * (CIMDateTime).
 *
 * - check_node: an element must carry its required attributes and nothing
 *   outside required + optional (names compared exactly: `EmbeddedObject`
 *   or `EMBEDDEDOBJECT`, nothing else), its children must be among the
 *   allowed ones where the parser lists them, and text is allowed only in
 *   VALUE, KEYVALUE and HOST; anything else raises ParseError.
 * - An element without a parse_ function (VALUE.NULL, VALUE.INSTANCEWITHPATH,
 *   ENUMERATIONCONTEXT, …) raises ParseError "no parser for node type".
 * - Every VALUE of a PROPERTY, PROPERTY.ARRAY or QUALIFIER goes through
 *   tocimobj(TYPE, text): booleans `true`/`false` in any case, integers by
 *   int(), reals by float(), datetimes by CIMDateTime's two patterns, and
 *   char16 raises ValueError('CIMType char16 not handled').
 * - CIMVERSION must be exactly 2.0; a QUALIFIER's flavors exactly `true` or
 *   `false`.
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

/** cim_types.CIMDateTime's patterns (a timestamp, else an interval). */
const TIMESTAMP = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})\.(\d{6})([+|-])(\d{3})/;
const INTERVAL = /^(\d{8})(\d{2})(\d{2})(\d{2})\.(\d{6})(:)(000)/;

/** cim_obj.tocimobj(type, text): the Python value, or the ValueError it raises. */
export function tocimobj(type: string, text: string): unknown {
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

/** parse_cim and everything below it; returns the tree when pywbem 0.7 accepts it, values converted as it would. */
export function pywbem07Parse(xml: string): TupleNode {
  const root = tupletree(xml);
  const walk = (node: TupleNode) => {
    checkNode(node);
    if (node.name === 'CIM' && node.attrs['CIMVERSION'] !== '2.0') throw new Pywbem07Error(`ParseError: CIMVERSION is ${node.attrs['CIMVERSION']}`);
    if (node.name === 'QUALIFIER') {
      for (const f of [...FLAVORS, 'PROPAGATED']) {
        const v = node.attrs[f];
        if (v !== undefined && v !== 'true' && v !== 'false') throw new Pywbem07Error(`ParseError: invalid value '${v}' for ${f} on QUALIFIER`);
      }
    }
    if (node.name === 'KEYVALUE' && !['string', 'boolean', 'numeric'].includes(node.attrs['VALUETYPE']!)) {
      throw new Pywbem07Error(`ParseError: invalid VALUETYPE ${node.attrs['VALUETYPE']}`);
    }
    // Children first: unpack_value parses VALUE / VALUE.ARRAY (check_node) before it converts.
    node.kids.forEach(walk);
    if (['PROPERTY', 'PROPERTY.ARRAY', 'QUALIFIER'].includes(node.name)) {
      // unpack_value: an empty VALUE of a non-string type is None; every other VALUE goes through tocimobj.
      for (const value of node.kids.flatMap((k) => (k.name === 'VALUE' ? [k] : k.name === 'VALUE.ARRAY' ? k.kids : []))) {
        if (node.name === 'PROPERTY' && value.text === '' && node.attrs['TYPE'] !== 'string') continue;
        tocimobj(node.attrs['TYPE']!, value.text);
      }
    }
  };
  walk(root);
  return root;
}

/** Every descendant of `node` (itself included) named `name`. */
export function tupleFind(node: TupleNode, name: string): TupleNode[] {
  const found = node.name === name ? [node] : [];
  for (const kid of node.kids) found.push(...tupleFind(kid, name));
  return found;
}
