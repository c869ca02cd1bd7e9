/**
 * The broker the tools' replays poll, one for a whole file, as a host
 * polled by a monitoring tool runs: HTTPS with Basic auth for one readonly
 * user, the simulated host on the file's own clock. One kept-alive
 * connection, as pywbem keeps one open for a whole run.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { Agent } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Test } from 'tap';
import { loadOrCreateCertificate } from '../../src/security/index.js';
import { startTestBroker } from '../helpers/broker.js';
import { testAuthenticator, writeUsers } from '../helpers/users.js';

export async function startToolBroker(t: Test, name: string, user: { name: string; password: string }, clock: () => number) {
  const dir = await mkdtemp(join(tmpdir(), `thincim-${name}-`));
  const certificate = await loadOrCreateCertificate({ stateDir: dir, hostnames: ['localhost'] });
  const started = await startTestBroker({
    listeners: [{ protocol: 'https', host: '127.0.0.1', port: 0, requireAuth: true }],
    tls: { cert: certificate.cert, key: certificate.key, minVersion: 'TLSv1.2', requestCert: false },
    authenticator: await testAuthenticator(await writeUsers(dir, { [user.name]: { role: 'readonly', password: user.password } })),
    simulated: { clock, startTime: 0 },
  });
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  t.teardown(async () => {
    agent.destroy();
    await started.close();
    await rm(dir, { recursive: true });
  });
  return { started, certificate, agent };
}
