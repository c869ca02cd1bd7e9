/**
 * Bounds on what the decoder accepts, so that hostile or broken input costs
 * at most linear time and memory in `maxBytes`. Exceeding one is a
 * ProtocolError `request-not-valid` naming the limit.
 */
export interface DecodeLimits {
  /** Size of the body in bytes (UTF-8). */
  readonly maxBytes: number;
  /** Element nesting depth, counted from the CIM root and continued inside embedded objects. */
  readonly maxDepth: number;
  /** Elements in the whole message, embedded objects included. */
  readonly maxElements: number;
  /**
   * Elements per KiB of the message (its size rounded up to whole KiB):
   * what a message of tiny elements costs in memory is many times its size.
   */
  readonly maxElementsPerKiB: number;
  /** Attributes on one element. */
  readonly maxAttributes: number;
  /** Length of one attribute value, in characters. */
  readonly maxAttributeLength: number;
  /** Length of the character data of one element (VALUE, KEYVALUE, HOST), in characters. */
  readonly maxTextLength: number;
  /** How deep embedded objects may nest inside one another's VALUE text. */
  readonly maxEmbeddingDepth: number;
}

/**
 * Defaults sized for a hardware agent: requests are a few kilobytes; the
 * largest responses a client decodes (thousands of sensor instances) stay
 * well within them.
 */
export const DEFAULT_DECODE_LIMITS: Readonly<DecodeLimits> = Object.freeze({
  maxBytes: 32 * 1024 * 1024,
  maxDepth: 64,
  maxElements: 1_000_000,
  // No element is shorter than 4 bytes (<A/>): 256 per KiB bounds nothing the default maxElements does not.
  maxElementsPerKiB: 256,
  maxAttributes: 32,
  maxAttributeLength: 64 * 1024,
  maxTextLength: 4 * 1024 * 1024,
  maxEmbeddingDepth: 4,
});

/** The defaults with some limits replaced; rejects limits that are not positive integers. */
export function resolveLimits(overrides?: Partial<DecodeLimits>): DecodeLimits {
  if (overrides === undefined) return DEFAULT_DECODE_LIMITS;
  const limits = { ...DEFAULT_DECODE_LIMITS, ...overrides };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`decode limit ${name} must be a positive integer, got ${String(value)}`);
  }
  return limits;
}

/** The elements a message of `bytes` bytes may hold, and the limit that says so. */
export function elementBudget(limits: DecodeLimits, bytes: number): { elements: number; limit: string } {
  const kib = Math.max(1, Math.ceil(bytes / 1024));
  const proportional = kib * limits.maxElementsPerKiB;
  return proportional < limits.maxElements
    ? { elements: proportional, limit: `maxElementsPerKiB (${limits.maxElementsPerKiB}) × ${kib} KiB = ${proportional}` }
    : { elements: limits.maxElements, limit: `maxElements (${limits.maxElements})` };
}
