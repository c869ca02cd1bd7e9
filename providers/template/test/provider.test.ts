import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { CIMStatus } from '../../../src/cim/index.js';
import { loadProvider } from '../../../src/providers/loader.js';
import { ProviderManager } from '../../../src/providers/manager.js';
import { stubRepository } from '../../../test/providers/helpers.js';
import { createTemplateProvider } from '../index.js';

const example = fileURLToPath(new URL('../examples/readings.json', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'thincim-template-'));
t.teardown(() => rmSync(dir, { recursive: true }));

async function run(file: string, maxBytes = 1 << 20) {
  const provider = createTemplateProvider({ file, maxBytes });
  const manager = new ProviderManager({
    providers: [{ provider, source: 'test', options: {}, schedule: { interval: 10, timeout: 1000 }, enablement: 'detect' }],
    repository: stubRepository(),
    hostname: 'h',
  });
  t.teardown(() => manager.close());
  await manager.detect();
  await manager.refresh().catch(() => {});
  return manager;
}

t.test('detects its file, samples it and accepts threshold writes', async (t) => {
  const manager = await run(example);
  const [sample] = manager.input().hardware;
  t.equal(sample!.error, undefined);
  t.equal(sample!.snapshot!.sensors!.length, 5);

  await manager.setThreshold('template:inlet', 'upperCritical', 50);
  await manager.refresh();
  t.same(manager.input().hardware[0]!.snapshot!.sensors![0]!.thresholds, { upperNonCritical: 40, upperCritical: 50 });
  await t.rejects(manager.setThreshold('template:fan-1', 'lowerCritical', 500), { code: CIMStatus.NOT_SUPPORTED });

  await manager.restoreDefaultThresholds('template:inlet');
  await manager.refresh();
  t.same(manager.input().hardware[0]!.snapshot!.sensors![0]!.thresholds, { upperNonCritical: 40, upperCritical: 45 });
});

t.test('without its file it is not detected', async (t) => {
  const manager = await run(join(dir, 'missing.json'));
  t.match(manager.state()[0], { enabled: false, disabledReason: 'no hardware detected' });
});

t.test('a file that is too big, not JSON or not readings fails the sample with the reason', async (t) => {
  const cases: [string, string, string | RegExp][] = [
    ['big.json', JSON.stringify({ readings: [] }) + ' '.repeat(100), /big\.json: 115 bytes, more than the 64 allowed \(option maxBytes\)$/],
    ['broken.json', '{ "readings": [', /broken\.json: not JSON: /],
    ['wrong.json', '{ "readings": [{ "name": "X", "type": "rpm", "value": 1 }] }', 'readings[0].type: expected one of temp, fan, volt'],
  ];
  for (const [name, text, expected] of cases) {
    writeFileSync(join(dir, name), text);
    const manager = await run(join(dir, name), 64);
    const error = manager.input().hardware[0]!.error!;
    if (typeof expected === 'string') t.equal(error, expected, name);
    else t.match(error, expected, name);
  }
});

t.test('loads as the built-in "template", with its options checked', async (t) => {
  const loaded = await loadProvider('template', { file: example }, 'explicit');
  t.equal(loaded.provider.name, 'template');
  t.same(loaded.schedule, { interval: 10, timeout: 2000 });
  await t.rejects(loadProvider('template', {}, 'explicit'), {
    message: "provider 'template': its factory failed: option file (the path of the JSON data file) is required",
  });
  await t.rejects(loadProvider('template', { file: example, maxBytes: 0 }, 'explicit'), { message: /option maxBytes must be a positive integer, got 0/ });
  await t.rejects(loadProvider('template', { file: example, fiel: 'x' }, 'explicit'), { message: /unknown option 'fiel'/ });
});
