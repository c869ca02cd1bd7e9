/**
 * CIM names are case-insensitive and case-preserving (DSP0004 §5.1): lookups
 * ignore case, iteration returns each entry under the name it was defined with.
 */
interface Entry<V> {
  name: string;
  value: V;
}

export class NocaseMap<V> implements Iterable<[string, V]> {
  /** Made on the first set: an empty map (most qualifier maps) costs no hash table. */
  #entries: Map<string, Entry<V>> | undefined;
  /**
   * Entries read through where this map has none, in the base's order (see
   * over()); the base is shared, so it is never changed through this map.
   */
  #base: NocaseMap<V> | undefined;
  /** Own entries whose name the base lacks. */
  #extra = 0;
  /** #entries belongs to another map too (see over()): copied before a change. */
  #shared = false;

  constructor(entries?: Iterable<readonly [string, V]>) {
    if (entries) for (const [name, value] of entries) this.set(name, value);
  }

  /**
   * `own`'s entries over those of `base`: iteration goes in `base`'s order,
   * each entry as `own` has it if it does, then `own`'s other entries. The
   * result shares both maps instead of copying them (a completed instance
   * costs its own properties only), so neither may change afterwards.
   */
  static over<V>(base: NocaseMap<V>, own: NocaseMap<V>): NocaseMap<V> {
    if (base.#base !== undefined || own.#base !== undefined) {
      const copy = base.clone().#flatten();
      for (const [name, value] of own) copy.set(name, value);
      return copy;
    }
    const map = new NocaseMap<V>();
    map.#base = base;
    map.#entries = own.#entries;
    map.#shared = own.#entries !== undefined;
    for (const key of own.#entries?.keys() ?? []) if (!base.#entries?.has(key)) map.#extra++;
    return map;
  }

  get size(): number {
    return (this.#base?.size ?? 0) + (this.#base ? this.#extra : (this.#entries?.size ?? 0));
  }

  get(name: string): V | undefined {
    return this.#entry(name.toLowerCase())?.value;
  }

  has(name: string): boolean {
    return this.#entry(name.toLowerCase()) !== undefined;
  }

  /** The defining spelling of `name`, or undefined when absent. */
  nameOf(name: string): string | undefined {
    return this.#entry(name.toLowerCase())?.name;
  }

  /** Sets a value; an existing entry keeps its position and takes the new spelling. */
  set(name: string, value: V): this {
    const key = name.toLowerCase();
    const own = this.#own();
    if (this.#base && !own.has(key) && !this.#base.#entries?.has(key)) this.#extra++;
    own.set(key, { name, value });
    return this;
  }

  delete(name: string): boolean {
    this.#flatten();
    return this.#own().delete(name.toLowerCase());
  }

  *keys(): IterableIterator<string> {
    for (const entry of this.#all()) yield entry.name;
  }

  *values(): IterableIterator<V> {
    for (const entry of this.#all()) yield entry.value;
  }

  *[Symbol.iterator](): IterableIterator<[string, V]> {
    for (const entry of this.#all()) yield [entry.name, entry.value];
  }

  /**
   * Whether both hold the same names, in the same spelling, with values
   * `same` calls equal (in any order). Two overlays on one base compare
   * their own entries only: what they read through is the same records.
   */
  equals(other: NocaseMap<V>, same: (a: V, b: V) => boolean): boolean {
    if (this.size !== other.size) return false;
    const sharedBase = this.#base !== undefined && this.#base === other.#base && this.#entries?.size === other.#entries?.size;
    if (sharedBase) {
      for (const [key, entry] of this.#entries ?? []) {
        const theirs = other.#entries?.get(key);
        if (theirs === undefined || theirs.name !== entry.name || !same(entry.value, theirs.value)) return false;
      }
      return true;
    }
    for (const entry of this.#all()) {
      const theirs = other.#entry(entry.name.toLowerCase());
      if (theirs === undefined || theirs.name !== entry.name || !same(entry.value, theirs.value)) return false;
    }
    return true;
  }

  /** An independent copy (entries are immutable records, so the copy can share them). */
  clone(): NocaseMap<V> {
    const copy = new NocaseMap<V>();
    copy.#base = this.#base;
    copy.#extra = this.#extra;
    copy.#entries = this.#entries;
    // Both share the entries until either changes.
    copy.#shared = this.#shared = this.#entries !== undefined;
    return copy;
  }

  /** This map's own entries, ready to change. */
  #own(): Map<string, Entry<V>> {
    if (this.#entries === undefined || this.#shared) this.#entries = new Map(this.#entries);
    this.#shared = false;
    return this.#entries;
  }

  #entry(key: string): Entry<V> | undefined {
    return this.#entries?.get(key) ?? this.#baseEntries()?.get(key);
  }

  *#all(): IterableIterator<Entry<V>> {
    const own = this.#entries;
    const base = this.#baseEntries();
    if (base === undefined) {
      if (own) yield* own.values();
      return;
    }
    for (const [key, entry] of base) yield own?.get(key) ?? entry;
    if (own && this.#extra > 0) for (const [key, entry] of own) if (!base.has(key)) yield entry;
  }

  #baseEntries(): Map<string, Entry<V>> | undefined {
    return this.#base === undefined ? undefined : this.#base.#entries;
  }

  /** Copies the base's entries in, so that this map no longer depends on it. */
  #flatten(): this {
    if (this.#base === undefined) return this;
    const entries = new Map<string, Entry<V>>();
    for (const entry of this.#all()) entries.set(entry.name.toLowerCase(), entry);
    this.#entries = entries;
    this.#shared = false;
    this.#base = undefined;
    this.#extra = 0;
    return this;
  }
}

/** Case-insensitive equality of two CIM names. */
export function sameName(a: string, b: string): boolean {
  return a === b || a.toLowerCase() === b.toLowerCase();
}
