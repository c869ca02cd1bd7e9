/**
 * Salted scrypt password hashes, encoded `scrypt$N$r$p$salt$hash` (salt and
 * hash in base64), checked in constant time.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

export interface ScryptParams {
  /** CPU/memory cost, a power of two. */
  N: number;
  /** Block size. */
  r: number;
  /** Parallelisation. */
  p: number;
}

/**
 * The interactive-login setting of scrypt's author (N=2^15, r=8, p=1; also
 * Go's x/crypto recommendation): 32 MiB and some 50–100 ms of one core per
 * check (bench/auth.ts). The memory cost is what makes guessing on GPUs
 * expensive; a higher p would multiply the time of every uncached login and
 * hold a libuv thread longer, on an agent that should stay light. Existing
 * hashes keep the parameters they were made with.
 */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };

/**
 * The most a hash may ask for. A users file is trusted input, but a typo in a
 * hand-edited one must not make every login allocate gigabytes.
 */
export const SCRYPT_LIMITS = { maxN: 2 ** 20, maxR: 32, maxP: 16, maxMemoryBytes: 256 * 1024 * 1024 };

const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** Longer passwords are refused (they would only be a way to burn CPU). */
export const MAX_PASSWORD_BYTES = 1024;

export interface PasswordHash extends ScryptParams {
  salt: Buffer;
  hash: Buffer;
}

export class PasswordHashError extends Error {
  readonly code = 'THINCIM_BAD_PASSWORD_HASH';

  constructor(message: string) {
    super(message);
    this.name = 'PasswordHashError';
  }
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function decimal(text: string | undefined, name: string): number {
  if (text === undefined || !/^[1-9]\d{0,9}$/.test(text)) throw new PasswordHashError(`scrypt ${name} is not a positive integer`);
  return Number(text);
}

function base64(text: string | undefined, name: string, min: number, max: number): Buffer {
  if (text === undefined || !BASE64.test(text)) throw new PasswordHashError(`scrypt ${name} is not base64`);
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length < min || bytes.length > max) throw new PasswordHashError(`scrypt ${name} must be ${min}–${max} bytes`);
  return bytes;
}

/** Parses and bounds-checks an encoded hash (messages never quote it). */
export function parsePasswordHash(encoded: string): PasswordHash {
  const parts = encoded.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') throw new PasswordHashError('not of the form scrypt$N$r$p$salt$hash');
  const params = checkParams({ N: decimal(parts[1], 'N'), r: decimal(parts[2], 'r'), p: decimal(parts[3], 'p') });
  return { ...params, salt: base64(parts[4], 'salt', 8, 64), hash: base64(parts[5], 'hash', 16, 64) };
}

function checkParams(params: ScryptParams): ScryptParams {
  const { N, r, p } = params;
  if (N < 2 || (N & (N - 1)) !== 0 || N > SCRYPT_LIMITS.maxN) throw new PasswordHashError(`scrypt N must be a power of two up to ${SCRYPT_LIMITS.maxN}`);
  if (r > SCRYPT_LIMITS.maxR) throw new PasswordHashError(`scrypt r must be at most ${SCRYPT_LIMITS.maxR}`);
  if (p > SCRYPT_LIMITS.maxP) throw new PasswordHashError(`scrypt p must be at most ${SCRYPT_LIMITS.maxP}`);
  if (memoryOf(params) > SCRYPT_LIMITS.maxMemoryBytes) throw new PasswordHashError('scrypt parameters need too much memory');
  return params;
}

/** What scrypt allocates (128·N·r bytes, per Node's check). */
const memoryOf = (params: ScryptParams): number => 128 * params.N * params.r;

function derive(password: string, salt: Buffer, params: ScryptParams, keyBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // NFC, so that the same password typed on different systems gives the same bytes (RFC 8265 OpaqueString).
    scrypt(password.normalize('NFC'), salt, keyBytes, { ...params, maxmem: 2 * memoryOf(params) }, (err, key) => {
      if (err) reject(err);
      else resolve(key);
    });
  });
}

export async function hashPassword(password: string, params: ScryptParams = DEFAULT_SCRYPT): Promise<string> {
  if (password === '') throw new RangeError('empty password');
  if (Buffer.byteLength(password) > MAX_PASSWORD_BYTES) throw new RangeError(`password longer than ${MAX_PASSWORD_BYTES} bytes`);
  checkParams(params);
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(password, salt, params, KEY_BYTES);
  return `scrypt$${params.N}$${params.r}$${params.p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

/**
 * A hash with the cost parameters given that no password matches: its salt
 * and hash are random bytes, not derived. Checking a password against it
 * costs a full derivation, but making it costs none (no scrypt at start).
 */
export function unmatchableHash(params: ScryptParams): PasswordHash {
  return { ...checkParams(params), salt: randomBytes(SALT_BYTES), hash: randomBytes(KEY_BYTES) };
}

/** Whether `password` matches the hash; the comparison takes the same time wherever the bytes differ. */
export async function verifyPassword(password: string, hash: PasswordHash | string): Promise<boolean> {
  const h = typeof hash === 'string' ? parsePasswordHash(hash) : hash;
  // An over-long password still costs a derivation, so its rejection takes the usual time.
  const candidate = Buffer.byteLength(password) > MAX_PASSWORD_BYTES ? '' : password;
  const derived = await derive(candidate, h.salt, h, h.hash.length);
  return timingSafeEqual(derived, h.hash) && candidate !== '';
}
