/**
 * Reads a configuration file: YAML, or JSON for `.json` files (JSON is also
 * YAML 1.2, so one parser keeps line numbers for both). Messages never quote
 * the file's text: a line may hold a secret. The parser is loaded only when a
 * file is read: most agents are configured by flags and variables alone.
 */
import type { Node } from 'yaml';

type YAML = typeof import('yaml');

/** The most aliases a YAML file may expand (guards against "billion laughs" files). */
const MAX_ALIAS_COUNT = 100;

export type ParsedFile =
  | { values: Record<string, unknown>; lineOf: (segments: readonly string[]) => number | undefined }
  | { errors: { message: string; line?: number }[] };

export async function readConfigFile(text: string, format: 'yaml' | 'json'): Promise<ParsedFile> {
  if (format === 'json') {
    try {
      JSON.parse(text);
    } catch (err) {
      return { errors: [{ message: `not valid JSON: ${(err as Error).message}` }] };
    }
  }
  // module.exports: the bundle's chunk of a CommonJS package has no named exports.
  const yaml = (await import('yaml')).default;
  const lineCounter = new yaml.LineCounter();
  const doc = yaml.parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineAt = (offset: number | undefined): number | undefined => (offset === undefined ? undefined : lineCounter.linePos(offset).line);
  if (doc.errors.length > 0) {
    return { errors: doc.errors.map((e) => withLine(`${e.code}: ${firstLine(e.message)}`, lineAt(e.pos[0]))) };
  }
  let values: unknown;
  try {
    values = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    return { errors: [{ message: firstLine((err as Error).message) }] };
  }
  if (values === null || values === undefined) values = {};
  if (typeof values !== 'object' || Array.isArray(values)) {
    return { errors: [{ message: 'must be a mapping of keys to values', line: 1 }] };
  }
  return { values: values as Record<string, unknown>, lineOf: (segments) => lineAt(keyNode(yaml, doc.contents, segments)?.range?.[0]) };
}

function withLine(message: string, line: number | undefined): { message: string; line?: number } {
  return line === undefined ? { message } : { message, line };
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

/** The key node of a nested key (its line is where the operator looks), or its nearest existing parent's. */
function keyNode(yaml: YAML, root: unknown, segments: readonly string[]): Node | undefined {
  let node = root;
  let found: Node | undefined;
  for (const segment of segments) {
    if (!yaml.isMap(node)) break;
    const pair = node.items.find((p) => yaml.isScalar(p.key) && String(p.key.value) === segment);
    if (!pair) break;
    found = pair.key as Node;
    node = pair.value;
  }
  return found;
}
