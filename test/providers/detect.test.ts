import t from 'tap';
import type { HardwareProvider, InstanceProvider, Provider } from '../../src/providers/api.js';
import type { Enablement } from '../../src/providers/loader.js';
import { silentLogger } from '../../src/providers/log.js';
import { ProviderManager } from '../../src/providers/manager.js';
import { loaded, stubRepository } from './helpers.js';

type Detect = HardwareProvider['detect'];

function hardware(name: string, detect?: Detect): HardwareProvider & { detected: number } {
  const provider = {
    kind: 'hardware' as const,
    name,
    version: '1',
    detected: 0,
    sample: async () => ({}),
    ...(detect && {
      detect: (ctx: Parameters<NonNullable<Detect>>[0]) => {
        provider.detected++;
        return detect(ctx);
      },
    }),
  };
  return provider;
}

const yes: Detect = async () => true;
const no: Detect = async () => false;

async function detected(providers: [Provider, Enablement][], timeout = 1000) {
  const m = new ProviderManager({
    providers: providers.map(([p, how]) => loaded(p, { timeout }, how)),
    repository: stubRepository(),
    hostname: 'h',
  });
  await m.detect();
  await m.close();
  return Object.fromEntries(m.state().map((s) => [s.name, s.enabled ? 'enabled' : `disabled: ${s.disabledReason}`]));
}

t.test('auto: hardware found, so no simulation', async (t) => {
  const result = await detected([
    [hardware('hwmon', yes), 'detect'], [hardware('ipmi', no), 'detect'], [hardware('sysinfo'), 'detect'],
    [hardware('simulated'), 'fallback'],
  ]);
  t.same(result, {
    hwmon: 'enabled',
    ipmi: 'disabled: no hardware detected',
    sysinfo: 'enabled',
    simulated: 'disabled: hardware found by hwmon',
  });
});

t.test('auto: both real sources found', async (t) => {
  const result = await detected([
    [hardware('hwmon', yes), 'detect'], [hardware('ipmi', yes), 'detect'], [hardware('sysinfo', yes), 'detect'],
    [hardware('simulated'), 'fallback'],
  ]);
  t.same(result, { hwmon: 'enabled', ipmi: 'enabled', sysinfo: 'enabled', simulated: 'disabled: hardware found by hwmon, ipmi' });
});

t.test('auto: nothing real, so the simulation runs next to sysinfo', async (t) => {
  const result = await detected([
    [hardware('hwmon', no), 'detect'], [hardware('ipmi', no), 'detect'], [hardware('sysinfo'), 'detect'],
    [hardware('simulated'), 'fallback'],
  ]);
  t.same(result, {
    hwmon: 'disabled: no hardware detected',
    ipmi: 'disabled: no hardware detected',
    sysinfo: 'enabled',
    simulated: 'enabled',
  });
});

t.test('auto: an external hardware provider counts as real; an instance provider does not', async (t) => {
  const widgets: InstanceProvider = { kind: 'instance', name: 'widgets', version: '1', classes: ['ACME_Widget'], enumerateInstances: async () => [] };
  t.same(await detected([[hardware('hwmon', no), 'detect'], [widgets, 'detect'], [hardware('simulated'), 'fallback']]), {
    hwmon: 'disabled: no hardware detected', widgets: 'enabled', simulated: 'enabled',
  });
  t.same(await detected([[hardware('acme', yes), 'detect'], [hardware('simulated'), 'fallback']]), {
    acme: 'enabled', simulated: 'disabled: hardware found by acme',
  });
});

t.test('auto: a detect that throws, hangs or answers nonsense leaves the provider disabled, with the reason', async (t) => {
  const result = await detected([
    [hardware('throws', () => { throw new Error('no /sys'); }), 'detect'],
    [hardware('rejects', () => Promise.reject(new Error('EACCES'))), 'detect'],
    [hardware('hangs', () => new Promise(() => {})), 'detect'],
    [hardware('nonsense', async () => 'yes' as unknown as boolean), 'detect'],
    [hardware('simulated'), 'fallback'],
  ], 20);
  t.same(result, {
    throws: 'disabled: detect failed: no /sys',
    rejects: 'disabled: detect failed: EACCES',
    hangs: 'disabled: detect failed: detect timed out after 20 ms',
    nonsense: 'disabled: detect failed: detect answered "yes", not a boolean',
    simulated: 'enabled',
  });
});

t.test('auto: a no that says why leaves its reason; the fallback warns, naming every reason', async (t) => {
  const warnings: [object, string][] = [];
  const logger = { ...silentLogger, warn: (fields: object, msg: string) => void warnings.push([fields, msg]) };
  const m = new ProviderManager({
    providers: [
      loaded(hardware('hwmon', async () => ({ found: false, reason: '/host/sys/class/hwmon: no such folder' })), {}, 'detect'),
      loaded(hardware('ipmi', no), {}, 'detect'), loaded(hardware('sysinfo'), {}, 'detect'), loaded(hardware('simulated'), {}, 'fallback'),
    ],
    repository: stubRepository(),
    hostname: 'h',
    logger,
  });
  await m.detect();
  await m.close();
  t.match(m.state()[0], { enabled: false, disabledReason: '/host/sys/class/hwmon: no such folder' });
  t.match(warnings, [[
    { provider: 'simulated', notFound: { hwmon: '/host/sys/class/hwmon: no such folder', ipmi: 'no hardware detected' } },
    /^no hardware found: the sensors served are SIMULATED/,
  ]]);
  t.same(Object.keys((warnings[0]![0] as { notFound: object }).notFound), ['hwmon', 'ipmi'], 'sysinfo, enabled, is not among them');
  t.same(await detected([[hardware('hwmon', async () => ({ found: false, reason: '' })), 'detect']]),
    { hwmon: 'disabled: detect failed: detect answered {"found":false,"reason":""}, not a boolean' }, 'an empty reason is nonsense');
});

t.test('an explicit list enables exactly its providers without asking them', async (t) => {
  const hwmon = hardware('hwmon', no);
  const simulated = hardware('simulated', no);
  t.same(await detected([[hwmon, 'explicit'], [simulated, 'explicit']]), { hwmon: 'enabled', simulated: 'enabled' });
  t.equal(hwmon.detected + simulated.detected, 0);
});

t.test('detection runs once, and start() runs it', async (t) => {
  const hwmon = hardware('hwmon', yes);
  const m = new ProviderManager({ providers: [loaded(hwmon, {}, 'detect')], repository: stubRepository(), hostname: 'h' });
  t.teardown(() => m.close());
  await Promise.all([m.detect(), m.detect(), m.start()]);
  await m.start();
  t.equal(hwmon.detected, 1);
  t.equal(m.state()[0]!.enabled, true);
});

t.test('only enabled providers reach the model input', async (t) => {
  const m = new ProviderManager({
    providers: [loaded(hardware('hwmon', no), {}, 'detect'), loaded(hardware('simulated'), {}, 'fallback')],
    repository: stubRepository(),
    hostname: 'h',
  });
  t.teardown(() => m.close());
  await m.detect();
  await m.refresh();
  t.same(m.input().hardware.map((s) => s.provider), ['simulated']);
});
