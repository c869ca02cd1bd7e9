/**
 * CIM names are case-insensitive and case-preserving (DSP0004 §5.1): lookups
 * ignore case, iteration returns each entry under the name it was defined with.
 */
export class NocaseMap<V> implements Iterable<[string, V]> {
  readonly #entries = new Map<string, { name: string; value: V }>();

  constructor(entries?: Iterable<readonly [string, V]>) {
    if (entries) for (const [name, value] of entries) this.set(name, value);
  }

  get size(): number {
    return this.#entries.size;
  }

  get(name: string): V | undefined {
    return this.#entries.get(name.toLowerCase())?.value;
  }

  has(name: string): boolean {
    return this.#entries.has(name.toLowerCase());
  }

  /** The defining spelling of `name`, or undefined when absent. */
  nameOf(name: string): string | undefined {
    return this.#entries.get(name.toLowerCase())?.name;
  }

  /** Sets a value; an existing entry keeps its position and takes the new spelling. */
  set(name: string, value: V): this {
    this.#entries.set(name.toLowerCase(), { name, value });
    return this;
  }

  delete(name: string): boolean {
    return this.#entries.delete(name.toLowerCase());
  }

  *keys(): IterableIterator<string> {
    for (const entry of this.#entries.values()) yield entry.name;
  }

  *values(): IterableIterator<V> {
    for (const entry of this.#entries.values()) yield entry.value;
  }

  *[Symbol.iterator](): IterableIterator<[string, V]> {
    for (const entry of this.#entries.values()) yield [entry.name, entry.value];
  }

  /** An independent copy (entries are immutable records, so the copy can share them). */
  clone(): NocaseMap<V> {
    const copy = new NocaseMap<V>();
    for (const [key, entry] of this.#entries) copy.#entries.set(key, entry);
    return copy;
  }
}

/** Case-insensitive equality of two CIM names. */
export function sameName(a: string, b: string): boolean {
  return a === b || a.toLowerCase() === b.toLowerCase();
}
