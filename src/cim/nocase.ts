/**
 * CIM names are case-insensitive and case-preserving (DSP0004 §5.1): lookups
 * ignore case, iteration returns each entry under the name it was defined with.
 *
 * A served model holds tens of thousands of maps over a few hundred names,
 * so a map stores values only: the folded key of each name and the name's
 * usual spelling are kept once for the process (see fold and isUsualSpelling),
 * and a map remembers a spelling of its own only where it differs.
 */

/** Most names folded or spelled once for the process; past it, maps keep their own copies. */
const INTERNED_NAMES = 16_384;
/** name as written → its folded (lower-case) key, one string per key. */
const folded = new Map<string, string>();
/** folded key → the spelling it was first set with; never changes once set. */
const spellings = new Map<string, string>();

/** The lower-case key of `name`; `intern` keeps it for the process (names that are set, not looked up). */
function fold(name: string, intern = false): string {
  let key = folded.get(name);
  if (key === undefined) {
    key = name.toLowerCase();
    if (intern && folded.size < INTERNED_NAMES) folded.set(name, key);
  }
  return key;
}

/** Records `name` as the usual spelling of `key` if it has none; whether `name` is that spelling. */
function isUsualSpelling(key: string, name: string): boolean {
  const usual = spellings.get(key);
  if (usual !== undefined) return usual === name;
  if (spellings.size >= INTERNED_NAMES) return false;
  spellings.set(key, name);
  return true;
}

export class NocaseMap<V> implements Iterable<[string, V]> {
  /** folded key → value; made on the first set, so an empty map (most qualifier maps) costs no hash table. */
  #values: Map<string, V> | undefined;
  /** folded key → spelling, for the names spelled otherwise than usual (see isUsualSpelling). */
  #names: Map<string, string> | undefined;
  /**
   * Entries read through where this map has none, in the base's order (see
   * over()); the base is shared, so it is never changed through this map.
   */
  #base: NocaseMap<V> | undefined;
  /** Own entries whose name the base lacks. */
  #extra = 0;
  /** #values and #names belong to another map too (see over() and clone()): copied before a change. */
  #shared = false;

  constructor(entries?: Iterable<readonly [string, V]>) {
    if (entries) for (const [name, value] of entries) this.set(name, value);
  }

  /**
   * One empty map shared by the many objects that have none (the qualifiers
   * of instances and of their properties: 110,000 maps at 10,000 sensors);
   * changing it throws.
   */
  static empty<V>(): NocaseMap<V> {
    return EMPTY as NocaseMap<V>;
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
    const map = own.clone();
    map.#base = base;
    for (const key of own.#values?.keys() ?? []) if (!base.#values?.has(key)) map.#extra++;
    return map;
  }

  get size(): number {
    return this.#base === undefined ? (this.#values?.size ?? 0) : this.#base.size + this.#extra;
  }

  get(name: string): V | undefined {
    const key = fold(name);
    const owner = this.#owner(key);
    return owner === undefined ? undefined : owner.#values!.get(key);
  }

  has(name: string): boolean {
    return this.#owner(fold(name)) !== undefined;
  }

  /** Whether this map has every name `other` has (whatever their values). */
  hasEvery(other: NocaseMap<unknown>): boolean {
    return this.size >= other.size && other.#every((_, __, key) => this.#owner(key) !== undefined);
  }

  /** The defining spelling of `name`, or undefined when absent. */
  nameOf(name: string): string | undefined {
    const key = fold(name);
    const owner = this.#owner(key);
    return owner === undefined ? undefined : owner.#spelling(key);
  }

  /** Sets a value; an existing entry keeps its position and takes the new spelling. */
  set(name: string, value: V): this {
    unshared(this);
    const key = fold(name, true);
    this.#own();
    if (this.#base && !this.#values!.has(key) && !this.#base.#values?.has(key)) this.#extra++;
    this.#values!.set(key, value);
    if (isUsualSpelling(key, name)) this.#names?.delete(key);
    else (this.#names ??= new Map()).set(key, name);
    return this;
  }

  delete(name: string): boolean {
    unshared(this);
    this.#flatten();
    const key = fold(name);
    if (!this.#values?.has(key)) return false;
    this.#own();
    this.#names?.delete(key);
    return this.#values!.delete(key);
  }

  keys(): IterableIterator<string> {
    const names: string[] = [];
    this.#every((_, name) => names.push(name) > 0);
    return names.values();
  }

  values(): IterableIterator<V> {
    if (this.#base === undefined) return (this.#values ?? NO_VALUES).values() as IterableIterator<V>;
    const values: V[] = [];
    this.#every((value) => values.push(value) > 0);
    return values.values();
  }

  [Symbol.iterator](): IterableIterator<[string, V]> {
    const entries: [string, V][] = [];
    this.#every((value, name) => entries.push([name, value]) > 0);
    return entries.values();
  }

  /**
   * Calls `visit` with each entry, in iteration order. Unlike iterating, it
   * makes no entry pair per step: the sampling and encoding paths visit
   * every property of tens of thousands of instances.
   */
  forEach(visit: (value: V, name: string) => void): void {
    this.#every((value, name) => {
      visit(value, name);
      return true;
    });
  }

  /**
   * Whether both hold the same names, in the same spelling, with values
   * `same` calls equal (in any order). Two overlays on one base compare
   * their own entries only: what they read through is the same records.
   */
  equals(other: NocaseMap<V>, same: (a: V, b: V) => boolean): boolean {
    if (this.size !== other.size) return false;
    const sharedBase = this.#base !== undefined && this.#base === other.#base && this.#values?.size === other.#values?.size;
    const matches = (value: V, name: string, key: string): boolean => {
      const theirs = sharedBase ? (other.#values?.has(key) ? other : undefined) : other.#owner(key);
      return theirs !== undefined && theirs.#spelling(key) === name && same(value, theirs.#values!.get(key) as V);
    };
    return sharedBase ? this.#everyOwn(matches) : this.#every(matches);
  }

  /** An independent copy (values are immutable records, so the copy can share them). */
  clone(): NocaseMap<V> {
    const copy = new NocaseMap<V>();
    copy.#base = this.#base;
    copy.#extra = this.#extra;
    copy.#values = this.#values;
    copy.#names = this.#names;
    // Both share the tables until either changes.
    copy.#shared = this.#shared = this.#values !== undefined || this.#names !== undefined;
    return copy;
  }

  /** Makes this map's own tables its own, ready to change. */
  #own(): void {
    if (this.#shared) {
      this.#values = this.#values && new Map(this.#values);
      this.#names = this.#names && new Map(this.#names);
      this.#shared = false;
    }
    this.#values ??= new Map();
  }

  /** The map that holds `key`: this one, or its base. */
  #owner(key: string): NocaseMap<V> | undefined {
    if (this.#values?.has(key)) return this;
    const base = this.#base;
    return base !== undefined && base.#values?.has(key) ? base : undefined;
  }

  /** The spelling this map gives `key` (which it holds). */
  #spelling(key: string): string {
    return this.#names?.get(key) ?? spellings.get(key)!;
  }

  /** Whether `test` holds for every entry, in iteration order; stops at the first that fails. */
  #every(test: (value: V, name: string, key: string) => boolean): boolean {
    const base = this.#base;
    if (base === undefined) return this.#everyOwn(test);
    const own = this.#values;
    for (const key of base.#values?.keys() ?? NO_KEYS) {
      const mine = own?.has(key) === true;
      const ok = mine ? test(own!.get(key) as V, this.#spelling(key), key) : test(base.#values!.get(key) as V, base.#spelling(key), key);
      if (!ok) return false;
    }
    if (own === undefined || this.#extra === 0) return true;
    for (const key of own.keys()) if (!base.#values?.has(key) && !test(own.get(key) as V, this.#spelling(key), key)) return false;
    return true;
  }

  /** #every over this map's own entries only, leaving out its base. */
  #everyOwn(test: (value: V, name: string, key: string) => boolean): boolean {
    const own = this.#values;
    if (own !== undefined) for (const key of own.keys()) if (!test(own.get(key) as V, this.#spelling(key), key)) return false;
    return true;
  }

  /** Copies the base's entries in, so that this map no longer depends on it. */
  #flatten(): this {
    if (this.#base === undefined) return this;
    const entries = [...this];
    this.#values = undefined;
    this.#names = undefined;
    this.#shared = false;
    this.#base = undefined;
    this.#extra = 0;
    for (const [name, value] of entries) this.set(name, value);
    return this;
  }
}

const EMPTY = new NocaseMap<never>();
const NO_KEYS: readonly string[] = Object.freeze([]);
const NO_VALUES = new Map<string, never>();

function unshared(map: NocaseMap<unknown>): void {
  if (map === EMPTY) throw new TypeError('NocaseMap.empty() is shared and cannot change: make a new NocaseMap');
}

/** Case-insensitive equality of two CIM names. */
export function sameName(a: string, b: string): boolean {
  return a === b || a.toLowerCase() === b.toLowerCase();
}
