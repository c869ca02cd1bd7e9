/**
 * Certificates for TLS tests, made with the openssl command (a CA, server and
 * client certificates it signs, self-signed RSA pairs), and a bare TLS
 * handshake that reports how it ended. src/security/x509.ts only self-signs,
 * so a CA chain needs openssl; a machine without it fails these tests loudly.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes, X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { connect, type ConnectionOptions } from 'node:tls';

export interface CertificateFiles {
  certFile: string;
  keyFile: string;
  cert: string;
  key: string;
  /** `AA:BB:…`, as node:tls reports a peer's fingerprint256. */
  fingerprint256: string;
}

export type KeyKind = 'rsa' | 'ec';

const DAYS = '2';

function openssl(args: readonly string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'], timeout: 60_000 });
}

function keyArgs(kind: KeyKind): string[] {
  return kind === 'rsa' ? ['-newkey', 'rsa:2048'] : ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'];
}

function files(dir: string, name: string): CertificateFiles {
  const certFile = join(dir, `${name}.crt`);
  const keyFile = join(dir, `${name}.key`);
  const cert = readFileSync(certFile, 'utf8');
  return { certFile, keyFile, cert, key: readFileSync(keyFile, 'utf8'), fingerprint256: new X509Certificate(cert).fingerprint256 };
}

/** A self-signed server certificate for localhost and 127.0.0.1, as an operator would bring with `tls.cert`. */
export function selfSignedServer(dir: string, name: string, kind: KeyKind = 'rsa'): CertificateFiles {
  openssl(['req', '-x509', ...keyArgs(kind), '-nodes', '-keyout', `${name}.key`, '-out', `${name}.crt`, '-days', DAYS,
    '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'], dir);
  return files(dir, name);
}

/** A certificate authority that signs nothing but certificates. */
export function certificateAuthority(dir: string, name: string): CertificateFiles {
  openssl(['req', '-x509', ...keyArgs('ec'), '-nodes', '-keyout', `${name}.key`, '-out', `${name}.crt`, '-days', DAYS,
    '-subj', `/CN=${name}`, '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], dir);
  return files(dir, name);
}

/** A client certificate for `commonName`, signed by `ca`. */
export function clientCertificate(dir: string, name: string, commonName: string, ca: CertificateFiles): CertificateFiles {
  openssl(['req', ...keyArgs('ec'), '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${commonName}`], dir);
  const serial = `0x${randomBytes(8).toString('hex')}`;
  writeFileSync(join(dir, `${name}.ext`), 'keyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth\n');
  openssl(['x509', '-req', '-in', `${name}.csr`, '-CA', ca.certFile, '-CAkey', ca.keyFile, '-set_serial', serial,
    '-out', `${name}.crt`, '-days', DAYS, '-extfile', `${name}.ext`], dir);
  return files(dir, name);
}

export type Handshake =
  | { ok: true; protocol: string; cipher: string; fingerprint256: string }
  /** `code` is node's error code, e.g. ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION (the server's alert). */
  | { ok: false; code: string; message: string };

/** Connects to 127.0.0.1:`port`, completes (or fails) the handshake, and disconnects. */
export function handshake(port: number, options: ConnectionOptions = {}): Promise<Handshake> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port, servername: 'localhost', rejectUnauthorized: false, ...options }, () => {
      resolve({
        ok: true,
        protocol: socket.getProtocol() ?? '',
        cipher: socket.getCipher().name,
        fingerprint256: socket.getPeerCertificate().fingerprint256,
      });
      socket.destroy();
    });
    socket.on('error', (error: Error & { code?: string }) => resolve({ ok: false, code: error.code ?? '', message: error.message }));
  });
}

/**
 * A client that would speak TLS 1.0 and 1.1 (OpenSSL 3 allows them only at
 * security level 0), so that a failed handshake is the server's refusal.
 */
export const LEGACY_CLIENT: ConnectionOptions = { minVersion: 'TLSv1', maxVersion: 'TLSv1.1', ciphers: 'DEFAULT:@SECLEVEL=0' };
