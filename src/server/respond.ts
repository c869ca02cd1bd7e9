/**
 * Writes operation results as CIM-XML (DSP0201 §5.3.4–5.3.5), as a sequence of
 * pieces so large results can stream. The INSTANCE XML of an instance is
 * cached per (instance, view), the start of the element around it per
 * (instance, element, host), a path written alone per (path, element, host):
 * instances are immutable and shared across index generations while
 * unchanged, and a changed one keeps its predecessor's path object
 * (BrokerState), so repeated polls re-encode nothing but changed INSTANCEs.
 */
import { CIMClassName, type CIMInstance, type CIMInstanceName } from '../cim/index.js';
import { headOf, xmlCarriable } from '../cim/xml-chars.js';
import * as xml from '../cimxml/index.js';
import type { InstanceView, MethodResponse, PullState, Result } from '../operations/types.js';

type Element = 'instance' | 'named' | 'withpath' | 'objectwithpath' | 'name' | 'path' | 'objectpath';

/**
 * Encoded XML per object and key; entries die with their objects. Paths
 * written alone are kept as text, an instance's INSTANCE and the start of
 * the elements around it as UTF-8 bytes that answers refer to without
 * copying; whole result lists (the same array while an index generation
 * lasts) map to UTF-8 bytes, so that a repeated poll costs one buffer write.
 *
 * The text kept is bounded by `maxBytes` (string length, or byte length of
 * bytes): past it, answers are encoded afresh and not kept, so pulling a
 * huge result once does not keep its whole XML alive. An entry gives its
 * bytes back when its object is collected.
 *
 * An object's encoding is kept only once a second answer asks for it (the
 * first is remembered, by number, not its text nor itself: a doorkeeper, as
 * caches that admit on the second use have): a poller that reads hardware
 * once per sample, whose readings have changed by its next poll, would
 * otherwise fill the budget with bytes no answer reuses, held until their
 * instances are collected.
 * Each caller names its answer (`answer`: any object, the same for every
 * piece of one answer, its length measured or not).
 */
export class EncodeCache {
  readonly #entries = new WeakMap<object, Map<string, string | Buffer>>();
  /** key → object → the byte length of its piece (see lengthOf). */
  readonly #lengths = new Map<string, WeakMap<object, number>>();
  /**
   * object → the number of the answer that first asked for it. A number, not
   * the answer: a long-lived object (an unchanged ComputerSystem) would keep
   * that answer alive, and with it its list and every instance in it.
   */
  readonly #firstAsked = new WeakMap<object, number>();
  readonly #answerNumbers = new WeakMap<object, number>();
  #answers = 0;
  readonly #released = new FinalizationRegistry<number>((bytes) => {
    this.#bytes -= bytes;
  });
  #bytes = 0;

  constructor(readonly maxBytes: number) {}

  /** The size of the entries kept now. */
  get bytes(): number {
    return this.#bytes;
  }

  get(object: CIMInstance | CIMInstanceName, key: string, answer: object, encode: () => string): string {
    return this.#get(object, key, answer, encode) as string;
  }

  /**
   * The UTF-8 bytes kept for (object, key), so that an answer refers to them
   * instead of copying them; past the budget, the text encoded afresh.
   */
  bytesOf(object: CIMInstance, key: string, answer: object, encode: () => string): Piece {
    const cached = this.peek(object, key);
    if (cached !== undefined) return cached;
    const text = encode();
    return this.admits(object, answer) && Buffer.byteLength(text) <= this.room ? this.#keep(object, key, Buffer.from(text)) : text;
  }

  list(items: readonly object[], key: string, answer: object, encode: () => Buffer): Buffer {
    return this.#get(items, key, answer, encode) as Buffer;
  }

  /**
   * The byte length of the piece `piece()` makes for (object, key), without
   * keeping text past the budget: a length once measured is remembered
   * while the object lives, so that an answer too large for the cache is
   * encoded once to be sent, not twice, when its length is asked again.
   */
  lengthOf(object: object, key: string, piece: () => Piece): number {
    const cached = this.peek(object, key);
    if (Buffer.isBuffer(cached)) return cached.length;
    let lengths = this.#lengths.get(key);
    const known = lengths?.get(object);
    if (known !== undefined) return known;
    const length = Buffer.byteLength(piece());
    if (lengths === undefined) {
      // Keys name the view and the Host header a client sent: forget them all rather than grow without end.
      if (this.#lengths.size >= MAX_LENGTH_KEYS) this.#lengths.clear();
      this.#lengths.set(key, (lengths = new WeakMap()));
    }
    lengths.set(object, length);
    return length;
  }

  /** The entry kept for `object` under `key`, if any. */
  peek(object: object, key: string): string | Buffer | undefined {
    return this.#entries.get(object)?.get(key);
  }

  /** What may still be kept. */
  get room(): number {
    return this.maxBytes - this.#bytes;
  }

  #get(object: object, key: string, answer: object, encode: () => string | Buffer): string | Buffer {
    const cached = this.peek(object, key);
    if (cached !== undefined) return cached;
    const value = encode();
    return this.admits(object, answer) && value.length <= this.room ? this.#keep(object, key, value) : value;
  }

  /** Whether `object`'s encoding may be kept for `answer`: not when it is the first answer to ask for it (whose number it remembers). */
  admits(object: object, answer: object): boolean {
    const first = this.#firstAsked.get(object);
    const number = this.#numberOf(answer);
    if (first === undefined) this.#firstAsked.set(object, number);
    return first !== undefined && first !== number;
  }

  #numberOf(answer: object): number {
    let number = this.#answerNumbers.get(answer);
    if (number === undefined) this.#answerNumbers.set(answer, (number = ++this.#answers));
    return number;
  }

  #keep<T extends string | Buffer>(object: object, key: string, value: T): T {
    const byKey = this.#entries.get(object);
    if (byKey) byKey.set(key, value);
    else this.#entries.set(object, new Map([[key, value]]));
    this.#bytes += value.length;
    this.#released.register(object, value.length);
    return value;
  }
}

/** Keys whose lengths lengthOf remembers at once. */
const MAX_LENGTH_KEYS = 64;

/** A piece of an answer: text, or bytes from the cache. */
export type Piece = string | Buffer;

/** The first chunk of an answer. */
const FIRST_CHUNK_BYTES = 2 * 1024;
/** The largest chunk: each next one is twice the last, up to it. */
const CHUNK_BYTES = 64 * 1024;

/**
 * The bytes of an answer, gathered as its pieces come: text is written at
 * once into chunks, so that it dies young instead of being kept (and
 * promoted to the old generation) until the whole answer is known; bytes
 * from the cache are kept as they are, by reference. Text after such bytes
 * goes on in the same chunk. A Buffer per piece instead cost a quarter of
 * the server's time on a page of a pull (a thousand pieces).
 *
 * Chunks grow from 2 to 64 KiB: most answers are small, or bytes from the
 * cache framed by a few hundred bytes of text, and a 64 KiB chunk for each
 * left the C heap larger after a burst of polls (glibc keeps what it was
 * given back). Each chunk is memory of its own, not a slice of Node.js's
 * shared pool, whose 8 KiB slabs live while any slice does: requests' and
 * answers' slices sharing them made the C heap larger still.
 */
export class AnswerBytes {
  size = 0;
  /** Bytes of text copied in (the rest are references to the cache's bytes). */
  copied = 0;
  readonly #full: Buffer[] = [];
  #chunk: Buffer | undefined;
  /** Where the text of #chunk not yet in #full begins, and ends. */
  #start = 0;
  #used = 0;

  add(piece: Piece): void {
    const bytes = Buffer.byteLength(piece);
    this.size += bytes;
    if (typeof piece === 'string') this.copied += bytes;
    if (typeof piece !== 'string' || bytes > CHUNK_BYTES) {
      this.#seal();
      this.#full.push(typeof piece === 'string' ? Buffer.from(piece) : piece);
      return;
    }
    if (this.#chunk === undefined || this.#used + bytes > this.#chunk.length) {
      this.#seal();
      const size = this.#chunk === undefined ? FIRST_CHUNK_BYTES : Math.min(2 * this.#chunk.length, CHUNK_BYTES);
      this.#chunk = Buffer.allocUnsafeSlow(Math.max(size, bytes));
      this.#start = this.#used = 0;
    }
    this.#used += this.#chunk.write(piece, this.#used);
  }

  /** Every byte so far, in order. */
  chunks(): Buffer[] {
    this.#seal();
    return this.#full;
  }

  #seal(): void {
    if (this.#chunk && this.#used > this.#start) this.#full.push(this.#chunk.subarray(this.#start, this.#used));
    this.#start = this.#used;
  }
}

function viewKey(view: InstanceView): string {
  const properties = view.properties ? [...view.properties].sort().join(',') : '*';
  return `${properties}|${view.includeClassOrigin ? 'o' : ''}`;
}

function encodeOptions(view: InstanceView): xml.InstanceEncodeOptions {
  return {
    includeQualifiers: view.includeQualifiers,
    includeClassOrigin: view.includeClassOrigin,
    propertyList: view.properties && [...view.properties],
  };
}

/** The pieces of an IMETHODRESPONSE carrying `result`, which is the answer the cache counts (EncodeCache.admits). */
export function* intrinsicResponse(messageId: string, name: string, result: Result, host: string, cache: EncodeCache): Generator<Piece> {
  const [start, end] = frame(messageId, name, result);
  yield start;
  if (result.kind !== 'void') yield* returnValue(result, host, cache);
  yield end;
}

/**
 * The byte lengths of what intrinsicResponse makes of the same arguments
 * (the same answer to the cache), in order, when a result of instances or
 * paths: their encoded pieces are measured one at a time (lengthOf) and not
 * kept, so the length of a large answer is known before its first byte is
 * sent without holding it whole.
 * Undefined for other results. A sequence, so that the caller can yield
 * while instances are encoded to be measured.
 */
export function intrinsicResponseLengths(messageId: string, name: string, result: Result, host: string, cache: EncodeCache): Iterable<number> | undefined {
  const lengths = listLengths(result, host, cache);
  if (lengths === undefined) return undefined;
  return (function* () {
    const [start, end] = frame(messageId, name, result);
    yield Buffer.byteLength(start);
    yield* lengths;
    yield Buffer.byteLength(end);
  })();
}

/** The text before and after the return value of an IMETHODRESPONSE. */
function frame(messageId: string, name: string, result: Result): [string, string] {
  const start = xml.messageStart(messageId) + xml.imethodResponseStart(name);
  const end = xml.imethodResponseEnd() + xml.messageEnd();
  if (result.kind === 'void') return [start, end];
  return [start + xml.ireturnValueStart(), xml.ireturnValueEnd() + ('pull' in result ? pullParams(result.pull) : '') + end];
}

/** An IMETHODRESPONSE or METHODRESPONSE carrying an ERROR. */
/** DESCRIPTIONs quote what the client sent; a hostile value must not come back whole. */
const MAX_DESCRIPTION = 1024;

export function errorResponse(messageId: string, name: string, intrinsic: boolean, code: number, description: string): string {
  const [start, end] = intrinsic
    ? [xml.imethodResponseStart(name), xml.imethodResponseEnd()]
    : [xml.methodResponseStart(name), xml.methodResponseEnd()];
  // Any source's text (a provider's own CIMError may quote a tool's coloured output): what XML cannot carry is U+FFFD.
  const carriable = xmlCarriable(description);
  const text = carriable.length > MAX_DESCRIPTION ? `${headOf(carriable, MAX_DESCRIPTION)}…` : carriable;
  return xml.messageStart(messageId) + start + xml.encodeError(code, text) + end + xml.messageEnd();
}


/** The METHODRESPONSE of an extrinsic method. */
export function methodResponse(messageId: string, name: string, response: MethodResponse): string {
  const out = response.out.map((p) => xml.encodeParamValue(p.name, p.value, p.type, p.embedded)).join('');
  return xml.messageStart(messageId) + xml.methodResponseStart(name) +
    xml.encodeReturnValue(response.returnType, response.returnValue) + out +
    xml.methodResponseEnd() + xml.messageEnd();
}

function pullParams(pull: PullState): string {
  return xml.encodeParamValue('EndOfSequence', pull.endOfSequence, 'boolean') +
    xml.encodeParamValue('EnumerationContext', pull.enumerationContext, 'string');
}

function* returnValue(result: Exclude<Result, { kind: 'void' }>, host: string, cache: EncodeCache): Generator<Piece> {
  switch (result.kind) {
    case 'classes':
      for (const cls of result.classes) yield xml.encodeClass(cls);
      return;
    case 'classnames':
      for (const name of result.names) yield xml.encodeClassName(name);
      return;
    case 'classeswithpath':
      for (const cls of result.classes) {
        yield xml.encodeObjectWithPath(cls, new CIMClassName({ classname: cls.classname, namespace: result.namespace }), host);
      }
      return;
    case 'classpaths':
      for (const classname of result.classnames) {
        yield xml.encodeObjectPath(new CIMClassName({ classname, namespace: result.namespace }), host);
      }
      return;
    case 'instance':
      yield xml.encodeInstance(result.instance, encodeOptions(result.view));
      return;
    case 'instancename':
      yield xml.encodeInstanceName(result.path);
      return;
    case 'value':
      // An embedded object is the escaped text of its INSTANCE or CLASS, as in a PROPERTY with EmbeddedObject,
      // declared or implied by the value, as there.
      yield xml.encodeValue(result.type, result.value, xml.embeddedKind(result.embedded, result.value));
      return;
    case 'qualifierdeclarations':
      for (const d of result.declarations) yield xml.encodeQualifierDeclaration(d);
      return;
    case 'instancenames':
      yield* cachedPaths(result.instances, 'name', host, cache, result);
      return;
    case 'objectpaths':
      yield* cachedPaths(result.instances, 'objectpath', host, cache, result);
      return;
    case 'instancepaths':
      yield* cachedPaths(result.instances, 'path', host, cache, result);
      return;
    case 'namedinstances':
      yield* cachedInstances(result.instances, 'named', result.view, host, cache, result);
      return;
    case 'objectswithpath':
      yield* cachedInstances(result.instances, 'objectwithpath', result.view, host, cache, result);
      return;
    case 'instanceswithpath':
      yield* cachedInstances(result.instances, 'withpath', result.view, host, cache, result);
      return;
    case 'instances':
      yield* cachedInstances(result.instances, 'instance', result.view, host, cache, result);
      return;
  }
}

/** The lengths of returnValue's pieces for the results that can be large, instances and paths. */
function listLengths(result: Result, host: string, cache: EncodeCache): Iterable<number> | undefined {
  switch (result.kind) {
    case 'instancenames':
      return pathLengths(result.instances, 'name', host, cache, result);
    case 'objectpaths':
      return pathLengths(result.instances, 'objectpath', host, cache, result);
    case 'instancepaths':
      return pathLengths(result.instances, 'path', host, cache, result);
    case 'namedinstances':
      return instanceLengths(result.instances, 'named', result.view, host, cache, result);
    case 'objectswithpath':
      return instanceLengths(result.instances, 'objectwithpath', result.view, host, cache, result);
    case 'instanceswithpath':
      return instanceLengths(result.instances, 'withpath', result.view, host, cache, result);
    case 'instances':
      return instanceLengths(result.instances, 'instance', result.view, host, cache, result);
    default:
      return undefined;
  }
}

/** The element around each instance of a result, if any. */
const WRAPPERS: Partial<Record<Element, xml.InstanceWrapper>> = {
  named: 'VALUE.NAMEDINSTANCE',
  withpath: 'VALUE.INSTANCEWITHPATH',
  objectwithpath: 'VALUE.OBJECTWITHPATH',
};
const WRAPPER_ENDS = new Map(Object.values(WRAPPERS).map((wrapper) => [wrapper, Buffer.from(`</${wrapper}>`)]));

/**
 * Three pieces per instance: the start of its element with its path, its
 * INSTANCE, the end of the element. The INSTANCE text is kept once per
 * instance and view, whatever the element (EnumerateInstances, pulls,
 * associators), so that answering one operation does not push another's
 * text out of the cache. One piece at a time, so that the sender can yield
 * to the event loop however large the answer. A whole result list (frozen:
 * the same array while an index generation lasts) is kept as one buffer by
 * the second poll that asks for it when it fits in the cache, and then sent
 * as one piece.
 */
function* cachedInstances(instances: readonly CIMInstance[], element: Element, view: InstanceView, host: string, cache: EncodeCache, answer: object): Generator<Piece> {
  const wrapper = WRAPPERS[element];
  const listKey = `${element}|${host}|${viewKey(view)}`;
  const whole = Object.isFrozen(instances) ? cache.peek(instances, listKey) : undefined;
  if (whole !== undefined) {
    yield whole;
    return;
  }
  const instanceKey = `instance|${viewKey(view)}`;
  const startKey = `${element}|${host}`;
  let parts: Piece[] | undefined = Object.isFrozen(instances) && cache.admits(instances, answer) ? [] : undefined;
  let size = 0;
  for (const instance of instances) {
    const text = cache.bytesOf(instance, instanceKey, answer, () => xml.encodeInstance(instance, encodeOptions(view)));
    const pieces = wrapper
      ? [cache.bytesOf(instance, startKey, answer, () => xml.instanceWrapperStart(wrapper, instance, host)), text, WRAPPER_ENDS.get(wrapper)!]
      : [text];
    yield* pieces;
    if (parts === undefined) continue;
    for (const piece of pieces) size += piece.length;
    if (size <= cache.room) parts.push(...pieces);
    else parts = undefined; // too big to keep: the pieces die as they are sent
  }
  if (parts) cache.list(instances, listKey, answer, () => Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : part))));
}

/** The lengths of cachedInstances' pieces, by the same keys. */
function* instanceLengths(instances: readonly CIMInstance[], element: Element, view: InstanceView, host: string, cache: EncodeCache, answer: object): Generator<number> {
  const wrapper = WRAPPERS[element];
  const whole = Object.isFrozen(instances) ? cache.peek(instances, `${element}|${host}|${viewKey(view)}`) : undefined;
  if (whole !== undefined) {
    yield Buffer.byteLength(whole);
    return;
  }
  const instanceKey = `instance|${viewKey(view)}`;
  const startKey = `${element}|${host}`;
  for (const instance of instances) {
    yield cache.lengthOf(instance, instanceKey, () => cache.bytesOf(instance, instanceKey, answer, () => xml.encodeInstance(instance, encodeOptions(view))));
    if (wrapper) {
      yield cache.lengthOf(instance, startKey, () => cache.bytesOf(instance, startKey, answer, () => xml.instanceWrapperStart(wrapper, instance, host)));
      yield WRAPPER_ENDS.get(wrapper)!.length;
    }
  }
}

function* pathLengths(instances: readonly CIMInstance[], element: Element, host: string, cache: EncodeCache, answer: object): Generator<number> {
  const key = `${element}|${host}`;
  for (const instance of instances) {
    yield cache.lengthOf(instance.path!, key, () => cache.get(instance.path!, key, answer, () => encodePathElement(instance, element, host)));
  }
}

/**
 * Kept per path object, not per instance: a changed instance keeps its
 * predecessor's path (BrokerState), so its path text outlives the reading.
 * Its key types, taken from the instance, are its class's, the same for
 * every instance at that path.
 */
function* cachedPaths(instances: readonly CIMInstance[], element: Element, host: string, cache: EncodeCache, answer: object): Generator<Piece> {
  const key = `${element}|${host}`;
  for (const instance of instances) yield cache.get(instance.path!, key, answer, () => encodePathElement(instance, element, host));
}

/** The instance's path, its KEYVALUE TYPEs those of the instance's key properties (as in VALUE.NAMEDINSTANCE). */
function encodePathElement(instance: CIMInstance, element: Element, host: string): string {
  const path = instance.path!;
  switch (element) {
    case 'name':
      return xml.encodeInstanceName(path, instance);
    case 'path':
      return xml.encodeInstancePath(path, host, path.namespace, instance);
    default:
      return xml.encodeObjectPath(path, host, instance);
  }
}
