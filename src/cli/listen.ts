/**
 * `thincim listen`: an indication listener for operators and scripts. It
 * answers each ExportIndication as DSP0200 requires and prints the
 * indication as one readable line, or one JSON object per line; its URL
 * goes to standard error at start, for `thincim subscribe --destination`.
 */
import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { CIMDateTime, CIMInstance } from '../cim/index.js';
import { instanceJson, parseInstancePath, UNDISPLAYABLE } from '../client/index.js';
import { DEFAULT_MAX_BODY, startListener, type ReceivedIndication } from '../indications/listener.js';
import { createSelfSignedCertificate } from '../security/x509.js';
import { EXIT, parseCommandLine, reportFailure, UsageError } from './client-commands.js';
import type { CliIO, Command } from './io.js';

/** The port of WBEM listeners by custom (pywbem's and OpenPegasus's examples), for an unset --port. */
const DEFAULT_PORT = 5990;
const DAY_MS = 86_400_000;
/** The most --max-body-bytes may be (the server's limits.bodyBytes has the same bounds). */
const MAX_BODY_BYTES_LIMIT = 1024 * 1024 * 1024;

const USAGE = `usage: thincim listen [--port P] [--host H] [--https [--tls-cert FILE --tls-key FILE]] [--json] [--max-body-bytes N]

Receives CIM indications (ExportIndication, DSP0200) and prints each as one line:
  TIME CLASS SEVERITY ELEMENT MESSAGEID: MESSAGE #SEQUENCE
or, with --json, as one JSON object per line. The listener's URL is printed on standard
error at start ("listening on URL"); give it to thincim subscribe --destination.
Stops on SIGINT or SIGTERM.

options:
  --port P               the port (default ${DEFAULT_PORT}; 0 picks a free one)
  --host H               the address to listen on (default 127.0.0.1; 0.0.0.0 or :: for remote servers)
  --https                HTTPS; without --tls-cert, with a self-signed certificate made for this run,
                         whose SHA-256 fingerprint is printed for the server to pin
  --tls-cert FILE        the PEM certificate (chain allowed) for --https
  --tls-key FILE         its PEM private key
  --json                 one JSON object per indication: receivedAt, path, from, classname, properties
  --max-body-bytes N     the largest request body accepted, larger ones answered 413 (default ${DEFAULT_MAX_BODY})
  -h, --help             show this help

exit status: 0 stopped by a signal, 2 usage error, 3 cannot listen (address in use, bad certificate)`;

const OPTIONS = {
  port: { type: 'string' }, host: { type: 'string' }, https: { type: 'boolean' }, 'tls-cert': { type: 'string' }, 'tls-key': { type: 'string' },
  json: { type: 'boolean' }, 'max-body-bytes': { type: 'string' }, help: { type: 'boolean', short: 'h' },
} as const;

/** PerceivedSeverity (CIM_AlertIndication). */
const SEVERITY: Record<number, string> = {
  0: 'Unknown', 1: 'Other', 2: 'Information', 3: 'Warning', 4: 'Minor', 5: 'Major', 6: 'Critical', 7: 'Fatal',
};

export const run: Command = async (args, io) => {
  try {
    const { values, positionals } = parseCommandLine(args, OPTIONS);
    if (values['help']) {
      io.stdout.write(`${USAGE}\n`);
      return EXIT.ok;
    }
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    const port = portOf(values['port'] as string | undefined);
    const maxBodyBytes = maxBodyOf(values['max-body-bytes'] as string | undefined);
    const tls = await tlsOf(values, io);
    const print = values['json'] ? (r: ReceivedIndication) => jsonLine(r) : (r: ReceivedIndication) => readableLine(r);
    let listener;
    try {
      listener = await startListener({
        port, maxBodyBytes, ...(values['host'] !== undefined && { host: values['host'] as string }), ...(tls && { tls }),
        onIndication: (r) => void io.stdout.write(`${print(r)}\n`),
      });
    } catch (err) {
      io.stderr.write(`thincim listen: cannot listen: ${(err as Error).message}\n`);
      return EXIT.connection;
    }
    io.stderr.write(`thincim listen: listening on ${listener.url}\n`);
    await stopSignal();
    await listener.close();
    return EXIT.ok;
  } catch (err) {
    return reportFailure(io, 'listen', err, USAGE.split('\n')[0]);
  }
};

function portOf(value: string | undefined): number {
  if (value === undefined) return DEFAULT_PORT;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new UsageError(`--port must be a number from 0 to 65535, not '${value}'`);
  return port;
}

function maxBodyOf(value: string | undefined): number {
  if (value === undefined) return DEFAULT_MAX_BODY;
  const bytes = Number(value);
  if (!/^\d+$/.test(value) || bytes < 1024 || bytes > MAX_BODY_BYTES_LIMIT) {
    throw new UsageError(`--max-body-bytes must be a number from 1024 to ${MAX_BODY_BYTES_LIMIT}, not '${value}'`);
  }
  return bytes;
}

async function tlsOf(values: Record<string, unknown>, io: CliIO): Promise<{ cert: string; key: string } | undefined> {
  const certFile = values['tls-cert'] as string | undefined;
  const keyFile = values['tls-key'] as string | undefined;
  if (!values['https']) {
    if (certFile !== undefined || keyFile !== undefined) throw new UsageError('--tls-cert and --tls-key need --https');
    return undefined;
  }
  if ((certFile === undefined) !== (keyFile === undefined)) throw new UsageError('--tls-cert and --tls-key go together');
  if (certFile !== undefined && keyFile !== undefined) return { cert: await readPem('--tls-cert', certFile), key: await readPem('--tls-key', keyFile) };
  const generated = selfSigned();
  io.stderr.write(`thincim listen: self-signed certificate, SHA-256 fingerprint ${new X509Certificate(generated.cert).fingerprint256}\n`);
  return generated;
}

async function readPem(option: string, file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${option} ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

/** A certificate for this run only: the server pins its fingerprint or is told not to verify. */
function selfSigned(): { cert: string; key: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const now = Date.now();
  const cert = createSelfSignedCertificate({
    privateKey, publicKey, commonName: hostname(), altNames: [...new Set([hostname(), 'localhost', '127.0.0.1', '::1'])],
    notBefore: new Date(now - 3_600_000), notAfter: new Date(now + 365 * DAY_MS),
  });
  return { cert, key: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string };
}

function stopSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

function jsonLine(r: ReceivedIndication): string {
  const { classname, properties } = instanceJson(r.indication);
  return JSON.stringify({ receivedAt: new Date(r.receivedAt).toISOString(), path: r.path, from: r.remoteAddress ?? null, classname, properties });
}

/** TIME CLASS SEVERITY ELEMENT MESSAGEID: MESSAGE #SEQUENCE, leaving out what the indication lacks. */
function readableLine(r: ReceivedIndication): string {
  const ind = r.indication;
  const time = ind.get('IndicationTime');
  const severity = ind.get('PerceivedSeverity');
  const messageId = ind.get('MessageID');
  const message = ind.get('Message') ?? ind.get('Description');
  const sequence = ind.get('SequenceNumber');
  return [
    time instanceof CIMDateTime ? time.toString() : new Date(r.receivedAt).toISOString(),
    ind.classname,
    typeof severity === 'number' ? (SEVERITY[severity] ?? String(severity)) : undefined,
    elementOf(ind),
    message != null || messageId != null ? `${messageId != null ? `${String(messageId)}: ` : ''}${typeof message === 'string' ? message : ''}` : undefined,
    sequence != null ? `#${String(sequence)}` : undefined,
  ].filter((part): part is string => part !== undefined && part !== '').map(oneLine).join(' ');
}

/** The element: the embedded SourceInstance's ElementName, else the AlertingManagedElement path's identifying key. */
function elementOf(ind: CIMInstance): string | undefined {
  const source = ind.get('SourceInstance');
  if (source instanceof CIMInstance) return String(source.get('ElementName') ?? source.get('DeviceID') ?? source.classname);
  const element = ind.get('AlertingManagedElement');
  if (typeof element !== 'string' || element === '') return undefined;
  try {
    const path = parseInstancePath(element);
    const id = path.keybindings.get('DeviceID') ?? path.keybindings.get('Name') ?? path.keybindings.get('Tag');
    return id === undefined ? path.classname : `${path.classname}(${String(id)})`;
  } catch {
    return element;
  }
}

/**
 * Whatever the sender put in any part, one line of plain text: line breaks
 * (U+2028 and U+2029 too), C0 and C1 controls (a terminal may take U+009B
 * for CSI) and bidirectional overrides, which would forge or disguise lines,
 * become a space.
 */
const UNDISPLAYABLE_RUN = new RegExp(`${UNDISPLAYABLE.source}+`, 'g');
const oneLine = (text: string): string => text.replace(UNDISPLAYABLE_RUN, ' ');
