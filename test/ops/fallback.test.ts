/**
 * The simulated fallback of `providers: auto` on a host with no hardware, as
 * a real process: a steady host (no failure timeline to page on-call with),
 * a warning at start that says why nothing was found, and the fact served to
 * tools (/readyz, the status API). Named explicitly, the simulated provider
 * plays its scenario's failures, logged at the level of their severity. The timeline runs an hour per second here,
 * so its failures would show within the first samples.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import type { Test } from 'tap';
import { stringify } from 'yaml';
import { freePort, spawnThincim, stop, type ThincimProcess } from '../helpers/process.js';

interface Status {
  verdict: { state: string; reasons: string[] };
  providers: { name: string; simulated: boolean }[];
  events: { severity: string; message: string }[];
}

async function serve(t: Test, providers: 'auto' | string[]): Promise<{ process: ThincimProcess; url: string; sysRoot: string }> {
  const dir = t.testdir();
  const httpPort = await freePort();
  const sysRoot = join(dir, 'no-such-sys');
  const configFile = join(dir, 'thincim.yaml');
  writeFileSync(configFile, stringify({
    stateDir: join(dir, 'state'), host: '127.0.0.1', httpPort, httpsPort: 0, providers, log: { level: 'info', pretty: false },
    hwmon: { root: sysRoot }, simulated: { interval: 0.1, timeScale: 3600 },
  }), { mode: 0o600 });
  const process = spawnThincim(['serve', '--config', configFile]);
  t.teardown(() => stop(process));
  await process.waitForLog((l) => /^thincim \S+ started$/.test(l.msg ?? ''), '"started"');
  return { process, url: `http://127.0.0.1:${httpPort}`, sysRoot };
}

const status = async (url: string): Promise<Status> => (await fetch(`${url}/api/v1/status`)).json() as Promise<Status>;

/** The status `seconds` from now (the simulated provider samples every 0.1 s). */
async function after(url: string, seconds: number): Promise<Status> {
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  return status(url);
}

t.test('auto with no hardware: a steady simulated host, said at start and served to tools', async (t) => {
  const { process, url, sysRoot } = await serve(t, 'auto');
  const warning = await process.waitForLog((l) => l.level === 40 && /SIMULATED/.test(l.msg ?? ''), 'the warning that the sensors are simulated');
  t.match(warning, { provider: 'simulated', notFound: { hwmon: `${join(sysRoot, 'class', 'hwmon')}: no hwmon class folder: not a sysfs root, or a kernel without hwmon` } },
    'and why hwmon found nothing');

  const ready = await fetch(`${url}/readyz`);
  const body = await ready.json() as { simulated: boolean; providers: { name: string; enablement: string }[] };
  t.equal(body.simulated, true, '/readyz says the readings are simulated');
  t.match(body.providers, [{ name: 'sysinfo', enablement: 'detect' }, { name: 'simulated', enablement: 'fallback' }]);

  // Two seconds: two hours of the 20-minute timeline, had it played.
  const seen = await after(url, 2);
  t.equal(seen.verdict.state, 'OK', 'no failure from the timeline');
  t.same(seen.events.filter((e) => e.severity !== 'ok').map((e) => e.message), [], 'nor any warning or critical event');
  t.match(seen.providers.find((p) => p.name === 'simulated'), { simulated: true }, 'the status API marks the provider simulated');
  t.same(process.lines().filter((l) => l['event'] !== undefined && l['severity'] !== 'ok').map((l) => l.msg), [], 'no alarming event logged');
});

t.test('the simulated provider named explicitly plays its failure timeline', async (t) => {
  const { process, url } = await serve(t, ['simulated']);
  await process.waitForLog((l) => l.msg === 'provider enabled', 'the providers enabled');
  t.equal(((await (await fetch(`${url}/readyz`)).json()) as { simulated: boolean }).simulated, true);
  const seen = await after(url, 2);
  t.ok(seen.events.some((e) => e.severity === 'critical'), 'the timeline raised a critical event');
  t.notOk(process.lines().some((l) => /SIMULATED/.test(l.msg ?? '')), 'no fallback warning: the operator asked for it');
  const levels = new Map(process.lines().filter((l) => l['event'] !== undefined).map((l) => [l['severity'], l.level]));
  t.same([levels.get('ok'), levels.get('warning'), levels.get('critical')], [30, 40, 50], 'events are logged at info, warn and error by severity');
});
