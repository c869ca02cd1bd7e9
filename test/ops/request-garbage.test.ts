/**
 * An answered request is garbage at once: V8's scavenges, which run every
 * megabyte or so of allocation while the broker answers, find almost none
 * of it alive. What a scavenge finds alive is copied, then promoted to the
 * old generation, where only a full collection frees it; and V8 grows the
 * young generation as survivors add up. Checked on the built `thincim serve`
 * with V8's own account of each scavenge (--trace-gc-nvp), for polls of
 * the default host's CIM_NumericSensor.
 */
import { Agent } from 'node:http';
import { join } from 'node:path';
import t from 'tap';
import { p } from '../helpers/broker.js';
import { cimPost, send } from '../helpers/client.js';
import { freePort, PROCESS_WAIT_MS, spawnThincim, stop } from '../helpers/process.js';

const WARM_UP = 300;
const REQUESTS = 2000;
/**
 * Bytes a request may leave alive at a scavenge, on average. Measured: ~0.2
 * KB (the sample published meanwhile, gc entries for /metrics); 3.4 KB when
 * the operation's context kept its request alive until a full collection.
 */
const SURVIVED_PER_REQUEST = 1024;

/** The sum of `field` over the scavenges V8 reported in `trace`. */
function scavenged(trace: string, field: string): { scavenges: number; bytes: number } {
  const lines = trace.split('\n').filter((line) => / gc=s /.test(line));
  const bytes = lines.reduce((sum, line) => sum + Number(new RegExp(` ${field}=(\\d+) `).exec(line)?.[1] ?? NaN), 0);
  return { scavenges: lines.length, bytes };
}

t.test('polls leave next to nothing alive for the scavenger to copy or promote', async (t) => {
  const dir = t.testdir({ state: {} });
  const port = await freePort();
  const server = spawnThincim(
    ['serve', '--state-dir', join(dir, 'state'), '--https-port', '0', '--http-port', String(port), '--providers', 'simulated', '--log-level', 'warn', '--no-log-pretty'],
    { built: true, nodeArgs: ['--trace-gc-nvp'] },
  );
  t.teardown(() => stop(server));
  const url = `http://127.0.0.1:${port}`;
  const until = Date.now() + PROCESS_WAIT_MS;
  while ((await send(`${url}/readyz`).catch(() => undefined))?.status !== 200) {
    if (Date.now() > until) throw new Error(`not ready within ${PROCESS_WAIT_MS} ms\n${server.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const agent = new Agent({ keepAlive: true, maxSockets: 2 });
  t.teardown(() => agent.destroy());
  const poll = async (count: number) => {
    let left = count;
    await Promise.all([0, 1].map(async () => {
      while (left-- > 0) {
        const answer = await cimPost(url, 'EnumerateInstances', 'root/cimv2', p.className('ClassName', 'CIM_NumericSensor'), { agent });
        if (answer.status !== 200 || !answer.text.includes('<VALUE.NAMEDINSTANCE>')) throw new Error(`HTTP ${answer.status}: ${answer.text.slice(0, 200)}`);
      }
    }));
  };
  await poll(WARM_UP);
  const from = server.stdout().length;
  await poll(REQUESTS);
  const trace = server.stdout().slice(from);
  const { scavenges, bytes } = scavenged(trace, 'new_space_survived');
  t.ok(scavenges >= 5, `${scavenges} scavenges while answering ${REQUESTS} polls`);
  t.ok(bytes / REQUESTS < SURVIVED_PER_REQUEST,
    `${(bytes / REQUESTS).toFixed(0)} bytes alive per request at a scavenge, under ${SURVIVED_PER_REQUEST}`);
});
