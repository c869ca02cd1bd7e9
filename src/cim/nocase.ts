/**
 * CIM names are case-insensitive and case-preserving (DSP0004 §5.1): lookups
 * ignore case, iteration returns each entry under the name it was defined with.
 *
 * A served model holds tens of thousands of maps over a few hundred names,
 * so a map stores values only: the folded key of each name and the name's
 * usual spelling are kept once for the process (see fold and isUsualSpelling),
 * a map remembers a spelling of its own only where it differs, and the keys
 * themselves, in order, are a Shape shared by every map that was given the
 * same keys in the same order (the instances of a class).
 */

/** Most names folded or spelled once for the process; past it, maps keep their own copies. */
const INTERNED_NAMES = 16_384;
/**
 * Longest name kept for the process, and the longest a remembered shape
 * holds: CIM names are short, and a client may send names of 64 KiB.
 */
const LONGEST_INTERNED_NAME = 256;
/** name as written → its folded (lower-case) key, one string per key. */
const folded = new Map<string, string>();
/** folded key → the spelling it was first set with; never changes once set. */
const spellings = new Map<string, string>();

/** The lower-case key of `name`; `intern` keeps it for the process (names that are set, not looked up). */
function fold(name: string, intern = false): string {
  let key = folded.get(name);
  if (key === undefined) {
    key = name.toLowerCase();
    if (intern && folded.size < INTERNED_NAMES && name.length <= LONGEST_INTERNED_NAME) folded.set(name, key);
  }
  return key;
}

/** Records `name` as the usual spelling of `key` if it has none; whether `name` is that spelling. */
function isUsualSpelling(key: string, name: string): boolean {
  const usual = spellings.get(key);
  if (usual !== undefined) return usual === name;
  if (spellings.size >= INTERNED_NAMES || name.length > LONGEST_INTERNED_NAME) return false;
  spellings.set(key, name);
  return true;
}

/**
 * Keys held by remembered shapes, all together: a shape one key further
 * along its line costs one, a copy of a line all its keys. Past it, new
 * shapes live only as long as their maps.
 */
const REMEMBERED_KEYS = 65_536;
/** The most keys a remembered shape has: no class comes near (a numeric sensor sets 28 properties), a client's request may. */
const LONGEST_REMEMBERED_SHAPE = 64;
let rememberedKeys = 0;

/** The keys of one line of transitions and their positions; `shared` once a remembered shape reads them. */
interface Line {
  readonly keys: string[];
  readonly index: Map<string, number>;
  shared: boolean;
}

/**
 * An ordered set of folded keys, like a hidden class of V8's: a map holds
 * its values in an array in its shape's order, instead of a hash table of
 * its own (a third of the model's heap at 10,000 sensors). Adding a key
 * moves a map to the next shape, which is remembered, so maps given the same
 * keys in the same order share one. A shape reads the first `size` keys of
 * its line, which later shapes may extend but never change. A line that
 * remembered shapes read is extended only by remembered shapes: what a
 * client sends never lengthens it, so never the room the model's maps make
 * (see NocaseMap.set), and never stays after the client's map is gone.
 */
class Shape {
  static readonly EMPTY = new Shape({ keys: [], index: new Map(), shared: true }, 0, true);

  readonly #line: Line;
  #next: Map<string, Shape> | undefined;
  /** The positions in the order of their keys, worked out on first use (see byKey). */
  #byKey: number[] | undefined;

  private constructor(line: Line, readonly size: number, readonly remembered: boolean) {
    this.#line = line;
  }

  /** How many keys the longest map along this shape's line came to: room to make for a map's values. */
  get line(): number {
    return this.#line.keys.length;
  }

  keyAt(position: number): string {
    return this.#line.keys[position]!;
  }

  /** The position of `key`, or -1. */
  indexOf(key: string): number {
    const position = this.#line.index.get(key);
    return position !== undefined && position < this.size ? position : -1;
  }

  /** The positions of the keys in the keys' order: the same for every map of this shape, so sorted once. */
  byKey(): readonly number[] {
    const keys = this.#line.keys;
    return (this.#byKey ??= Array.from({ length: this.size }, (_, position) => position).sort((a, b) => (keys[a]! < keys[b]! ? -1 : 1)));
  }

  /** This shape and `key` (which it lacks) last. */
  with(key: string): Shape {
    const known = this.#next?.get(key);
    if (known !== undefined) return known;
    const line = this.#line;
    const last = this.size === line.keys.length;
    const cost = last ? 1 : this.size + 1;
    const remember = this.remembered && this.size < LONGEST_REMEMBERED_SHAPE && key.length <= LONGEST_INTERNED_NAME
      && rememberedKeys + cost <= REMEMBERED_KEYS;
    let next: Shape;
    if (last && (remember || !line.shared)) {
      // The last shape of its line: the next one reads the same keys one further.
      line.keys.push(key);
      line.index.set(key, this.size);
      next = new Shape(line, this.size + 1, remember);
    } else {
      const keys = [...line.keys.slice(0, this.size), key];
      next = new Shape({ keys, index: new Map(keys.map((k, position) => [k, position])), shared: false }, keys.length, remember);
    }
    if (remember) {
      rememberedKeys += cost;
      next.#line.shared = true;
      (this.#next ??= new Map()).set(key, next);
    }
    return next;
  }

  /** This shape without `key` (which it holds). */
  without(key: string): Shape {
    let shape = Shape.EMPTY;
    for (let position = 0; position < this.size; position++) if (this.keyAt(position) !== key) shape = shape.with(this.keyAt(position));
    return shape;
  }
}

export class NocaseMap<V> implements Iterable<[string, V]> {
  /** The folded keys, in order. */
  #shape = Shape.EMPTY;
  /**
   * The value of each of #shape's keys, at its position, and room past them
   * (see set); made on the first set, so an empty map (most qualifier maps)
   * costs no array.
   */
  #values: V[] | undefined;
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
    for (let position = 0; position < own.#shape.size; position++) if (base.#shape.indexOf(own.#shape.keyAt(position)) < 0) map.#extra++;
    return map;
  }

  get size(): number {
    return this.#base === undefined ? this.#shape.size : this.#base.size + this.#extra;
  }

  get(name: string): V | undefined {
    const key = fold(name);
    const owner = this.#owner(key);
    return owner === undefined ? undefined : owner.#valueOf(key);
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
    const position = this.#shape.indexOf(key);
    if (position >= 0) {
      this.#values![position] = value;
    } else {
      if (this.#base !== undefined && this.#base.#shape.indexOf(key) < 0) this.#extra++;
      const shape = (this.#shape = this.#shape.with(key));
      // Room for as many values as maps that started alike came to: an array grown by pushes keeps room for 17.
      (this.#values ??= new Array<V>(shape.line))[shape.size - 1] = value;
    }
    if (isUsualSpelling(key, name)) this.#names?.delete(key);
    else (this.#names ??= new Map()).set(key, name);
    return this;
  }

  delete(name: string): boolean {
    unshared(this);
    this.#flatten();
    const key = fold(name);
    const position = this.#shape.indexOf(key);
    if (position < 0) return false;
    this.#own();
    this.#names?.delete(key);
    this.#values!.splice(position, 1);
    this.#shape = this.#shape.without(key);
    return true;
  }

  keys(): IterableIterator<string> {
    const names: string[] = [];
    this.#every((_, name) => names.push(name) > 0);
    return names.values();
  }

  values(): IterableIterator<V> {
    if (this.#base === undefined && this.#values?.length === this.size) return this.#values.values();
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
   * Calls `visit` with each entry in the order of the folded keys, which it
   * is given instead of the spelling: an order and a name that do not
   * depend on how the entries were spelled or set, worked out once for all
   * the maps of a shape (the key bindings of every path of a class).
   */
  forEachByKey(visit: (value: V, key: string) => void): void {
    if (this.#base !== undefined) {
      const entries: [string, V][] = [];
      this.#every((value, _, key) => entries.push([key, value]) > 0);
      for (const [key, value] of entries.sort(([a], [b]) => (a < b ? -1 : 1))) visit(value, key);
      return;
    }
    const shape = this.#shape;
    for (const position of shape.byKey()) visit(this.#values![position]!, shape.keyAt(position));
  }

  /**
   * Whether both hold the same names, in the same spelling, with values
   * `same` calls equal (in any order). Two overlays on one base compare
   * their own entries only: what they read through is the same records.
   */
  equals(other: NocaseMap<V>, same: (a: V, b: V) => boolean): boolean {
    if (this.size !== other.size) return false;
    if (this.#base === undefined || this.#base !== other.#base || this.#shape.size !== other.#shape.size) {
      return this.#every((value, name, key) => {
        const theirs = other.#owner(key);
        return theirs !== undefined && theirs.#spelling(key) === name && same(value, theirs.#valueOf(key));
      });
    }
    // The completed instances of one class, compared for every changed instance of every sample: a loop, no closure.
    const shape = this.#shape;
    for (let position = 0; position < shape.size; position++) {
      const key = shape.keyAt(position);
      const theirs = other.#shape.indexOf(key);
      if (theirs < 0 || other.#spelling(key) !== this.#spelling(key) || !same(this.#values![position]!, other.#values![theirs]!)) return false;
    }
    return true;
  }

  /** An independent copy (values are immutable records, so the copy can share them). */
  clone(): NocaseMap<V> {
    const copy = new NocaseMap<V>();
    copy.#base = this.#base;
    copy.#extra = this.#extra;
    copy.#shape = this.#shape;
    copy.#values = this.#values;
    copy.#names = this.#names;
    // Both share the arrays until either changes.
    copy.#shared = this.#shared = this.#values !== undefined || this.#names !== undefined;
    return copy;
  }

  /** Makes this map's own values and names its own, ready to change. */
  #own(): void {
    if (this.#shared) {
      this.#values = this.#values?.slice();
      this.#names = this.#names && new Map(this.#names);
      this.#shared = false;
    }
  }

  /** The map that holds `key`: this one, or its base. */
  #owner(key: string): NocaseMap<V> | undefined {
    if (this.#shape.indexOf(key) >= 0) return this;
    const base = this.#base;
    return base !== undefined && base.#shape.indexOf(key) >= 0 ? base : undefined;
  }

  /** This map's own value for `key` (which it holds). */
  #valueOf(key: string): V {
    return this.#values![this.#shape.indexOf(key)]!;
  }

  /** The spelling this map gives `key` (which it holds). */
  #spelling(key: string): string {
    return this.#names?.get(key) ?? spellings.get(key)!;
  }

  /** Whether `test` holds for every entry, in iteration order; stops at the first that fails. */
  #every(test: (value: V, name: string, key: string) => boolean): boolean {
    const base = this.#base;
    const shape = this.#shape;
    if (base === undefined) {
      for (let position = 0; position < shape.size; position++) {
        const key = shape.keyAt(position);
        if (!test(this.#values![position]!, this.#spelling(key), key)) return false;
      }
      return true;
    }
    for (let position = 0; position < base.#shape.size; position++) {
      const key = base.#shape.keyAt(position);
      const mine = shape.indexOf(key);
      const ok = mine >= 0 ? test(this.#values![mine]!, this.#spelling(key), key) : test(base.#values![position]!, base.#spelling(key), key);
      if (!ok) return false;
    }
    if (this.#extra === 0) return true;
    for (let position = 0; position < shape.size; position++) {
      const key = shape.keyAt(position);
      if (base.#shape.indexOf(key) < 0 && !test(this.#values![position]!, this.#spelling(key), key)) return false;
    }
    return true;
  }

  /** Copies the base's entries in, so that this map no longer depends on it. */
  #flatten(): this {
    if (this.#base === undefined) return this;
    const entries = [...this];
    this.#shape = Shape.EMPTY;
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

function unshared(map: NocaseMap<unknown>): void {
  if (map === EMPTY) throw new TypeError('NocaseMap.empty() is shared and cannot change: make a new NocaseMap');
}

/** Case-insensitive equality of two CIM names. */
export function sameName(a: string, b: string): boolean {
  return a === b || a.toLowerCase() === b.toLowerCase();
}
