/**
 * The server's TLS certificate: the operator's files when configured, else a
 * self-signed one created in the state folder on first start and reused
 * afterwards (clients that pinned its fingerprint keep working).
 */
import { createPrivateKey, generateKeyPairSync, type KeyObject, X509Certificate } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { createSecureContext } from 'node:tls';
import { describeFileError } from '../file-errors.js';
import { SECRET_FILE_MODE, withLock, writeFileAtomic } from './files.js';
import { createSelfSignedCertificate } from './x509.js';

/** Validity of a generated certificate: ten years (it is pinned or trusted by hand, never renewed by an ACME client). */
export const SELF_SIGNED_VALIDITY_DAYS = 3650;
/** Largest certificate or key file read. */
const MAX_PEM_BYTES = 1024 * 1024;
const DAY_MS = 86_400_000;

export interface CertificateOptions {
  stateDir: string;
  /** PEM certificate (chain allowed) and its key; both or neither. */
  certFile?: string | undefined;
  keyFile?: string | undefined;
  /** Names to put in a generated certificate's subjectAltName, besides localhost, 127.0.0.1 and ::1 (default: the host name). */
  hostnames?: readonly string[];
  now?: () => Date;
}

export interface LoadedCertificate {
  /** PEM, as node:tls takes them. */
  cert: string;
  key: string;
  /** SHA-256 fingerprint of the (first) certificate, `AA:BB:…`. */
  fingerprint256: string;
  /** Whether this call created the certificate. */
  generated: boolean;
  certFile: string;
  keyFile: string;
  validTo: Date;
  /** Things the operator should hear about (e.g. a key readable by others, an expired certificate). */
  warnings: string[];
}

/** Which of the pair a CertificateError is about: the two may be one file. */
export type CertificateRole = 'cert' | 'key';

export class CertificateError extends Error {
  readonly code = 'THINCIM_BAD_CERTIFICATE';

  constructor(readonly file: string, reason: string, readonly role?: CertificateRole) {
    super(`${file}: ${reason}`);
    this.name = 'CertificateError';
  }
}

/** Where a generated certificate and its key live in the state folder. */
export function selfSignedPaths(stateDir: string): { certFile: string; keyFile: string } {
  return { certFile: join(stateDir, 'tls', 'self-signed.crt'), keyFile: join(stateDir, 'tls', 'self-signed.key') };
}

export async function loadOrCreateCertificate(options: CertificateOptions): Promise<LoadedCertificate> {
  const now = options.now?.() ?? new Date();
  if (options.certFile !== undefined || options.keyFile !== undefined) {
    if (options.certFile === undefined || options.keyFile === undefined) {
      throw new CertificateError(options.certFile ?? options.keyFile ?? '', 'a certificate needs both its file and its key file');
    }
    return loadPair(options.certFile, options.keyFile, now, false);
  }
  const { certFile, keyFile } = selfSignedPaths(options.stateDir);
  // Locked, so that two first starts do not each write half of a pair.
  return withLock(join(options.stateDir, 'tls', '.lock'), async () => {
    if (await exists(certFile) && await exists(keyFile)) {
      const loaded = await loadPair(certFile, keyFile, now, false);
      if (loaded.validTo.getTime() > now.getTime()) return loaded;
    }
    await generate(certFile, keyFile, [...new Set([...(options.hostnames ?? [hostname()]), 'localhost', '127.0.0.1', '::1'])], now);
    return loadPair(certFile, keyFile, now, true);
  });
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(() => true, () => false);
}

async function generate(certFile: string, keyFile: string, altNames: string[], now: Date): Promise<void> {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const cert = createSelfSignedCertificate({
    privateKey, publicKey,
    commonName: altNames[0] ?? 'localhost',
    altNames,
    // An hour back, so that a client whose clock lags a little accepts it.
    notBefore: new Date(now.getTime() - 3_600_000),
    notAfter: new Date(now.getTime() + SELF_SIGNED_VALIDITY_DAYS * DAY_MS),
  });
  // Key first: a certificate never exists without its key.
  await writeFileAtomic(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, { mode: SECRET_FILE_MODE });
  await writeFileAtomic(certFile, cert, { mode: 0o644 });
}

async function readPem(file: string, role: CertificateRole): Promise<{ text: string; mode: number }> {
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new CertificateError(file, 'not a regular file', role);
    if (info.size > MAX_PEM_BYTES) throw new CertificateError(file, `larger than ${MAX_PEM_BYTES} bytes`, role);
    return { text: await readFile(file, 'utf8'), mode: info.mode & 0o777 };
  } catch (err) {
    if (err instanceof CertificateError) throw err;
    throw new CertificateError(file, `cannot read: ${describeFileError(err)}`, role);
  }
}

/**
 * The certificate blocks node:tls reads (OpenSSL's PEM_read_bio_X509_AUX):
 * `CERTIFICATE`, the old `X509 CERTIFICATE`, and `TRUSTED CERTIFICATE` from
 * `openssl x509 -trustout` (RHEL's ca-bundle.trust.crt).
 */
const PEM_CERTIFICATE = /-----BEGIN ((?:TRUSTED |X509 )?CERTIFICATE)-----[\s\S]*?-----END \1-----/g;

/** Every certificate of the file, the server's first and then its chain, as node:tls takes them. */
function certificatesOf(file: string, text: string): X509Certificate[] {
  const bundle = parseBundle(text, 'not a PEM certificate');
  if ('problem' in bundle) throw new CertificateError(file, bundle.problem, 'cert');
  return bundle.certificates;
}

/**
 * A PEM bundle's certificates, or what is wrong with it (`none` when it has
 * no certificate block): node:tls skips what it cannot read in a CA bundle
 * without a word, and stops a server's chain with OpenSSL's stack trace.
 */
export function parseBundle(text: string, none = 'no PEM certificate in it'): { certificates: X509Certificate[] } | { problem: string } {
  const blocks = text.match(PEM_CERTIFICATE) ?? [];
  if (blocks.length === 0) return { problem: none };
  const certificates: X509Certificate[] = [];
  for (const [i, block] of blocks.entries()) {
    try {
      certificates.push(new X509Certificate(block));
    } catch {
      return { problem: blocks.length === 1 ? 'not a PEM certificate' : `certificate ${i + 1} of ${blocks.length} is not a valid PEM certificate` };
    }
  }
  return { certificates };
}

/** The first certificate must be the key's; a key matching a later one is a chain in the wrong order. */
function checkKeyMatches(certificates: X509Certificate[], privateKey: KeyObject, certFile: string, keyFile: string): void {
  if (certificates[0]!.checkPrivateKey(privateKey)) return;
  const owner = certificates.findIndex((c) => c.checkPrivateKey(privateKey));
  if (owner < 0) throw new CertificateError(keyFile, `is not the key of the certificate in ${certFile}`, 'key');
  throw new CertificateError(certFile, `the key is that of certificate ${owner + 1} of ${certificates.length}: `
    + 'the server\'s certificate must come first, then its chain', 'cert');
}

async function loadPair(certFile: string, keyFile: string, now: Date, generated: boolean): Promise<LoadedCertificate> {
  const cert = await readPem(certFile, 'cert');
  const key = await readPem(keyFile, 'key');
  const certificates = certificatesOf(certFile, cert.text);
  const x509 = certificates[0]!;
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(key.text);
  } catch {
    // The parser's message is not passed on: it could quote key material.
    throw new CertificateError(keyFile, 'not a PEM private key (or an encrypted one)', 'key');
  }
  checkKeyMatches(certificates, privateKey, certFile, keyFile);
  try {
    // What the listener will do with them: anything else it would refuse is found here, not as the server starts.
    createSecureContext({ cert: cert.text, key: key.text });
  } catch (err) {
    throw new CertificateError(certFile, `TLS cannot use it: ${(err as { reason?: string }).reason ?? 'refused by OpenSSL'}`, 'cert');
  }
  const validTo = new Date(x509.validTo);
  const warnings: string[] = [];
  if (key.mode & 0o077) warnings.push(`${keyFile}: readable by others (mode ${key.mode.toString(8)}); chmod 600 it`);
  if (validTo.getTime() <= now.getTime()) warnings.push(`${certFile}: expired on ${validTo.toISOString()}`);
  else if (new Date(x509.validFrom).getTime() > now.getTime()) warnings.push(`${certFile}: not valid before ${x509.validFrom}`);
  return { cert: cert.text, key: key.text, fingerprint256: x509.fingerprint256, generated, certFile, keyFile, validTo, warnings };
}
