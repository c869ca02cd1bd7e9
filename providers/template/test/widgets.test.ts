import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { CIMInstanceName, CIMStatus } from '../../../src/cim/index.js';
import { loadProvider } from '../../../src/providers/loader.js';
import { ProviderManager } from '../../../src/providers/manager.js';
import { loadRepository } from '../../../src/repository/index.js';
import { parseWidgets, templateSchemaDir } from '../widgets.js';

const example = fileURLToPath(new URL('../examples/widgets.json', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'thincim-widgets-'));
t.teardown(() => rmSync(dir, { recursive: true }));

async function run(file: string) {
  const loaded = await loadProvider('./widgets.ts', { file }, 'explicit', { baseDir: fileURLToPath(new URL('..', import.meta.url)) });
  const provider = loaded.provider;
  if (provider.kind !== 'instance') throw new Error('widgets is an instance provider');
  // The repository the broker would build: the project's schema plus the provider's own MOF.
  const repository = await loadRepository({ schemaDir: provider.schemaDir, cacheDir: false });
  const manager = new ProviderManager({ providers: [loaded], repository, hostname: 'h' });
  t.teardown(() => manager.close());
  await manager.refresh();
  return manager;
}

t.test('serves ACME_WidgetStatus instances that are valid for the compiled template.mof', async (t) => {
  const manager = await run(example);
  const [sample] = manager.input().instances;
  t.equal(sample!.error, undefined, 'the repository found nothing wrong');
  t.equal(sample!.namespace, 'root/cimv2');
  const w1 = sample!.instances[0]!;
  t.equal(w1.path!.toString(), 'ACME_WidgetStatus.InstanceID="ACME:widget:w1"');
  t.same(['InstanceID', 'ElementName', 'SpinRate', 'Condition', 'ResetCount'].map((p) => w1.get(p)), ['ACME:widget:w1', 'Widget 1', 1200, 2, 0]);
  t.equal(sample!.instances[1]!.get('Condition'), 3, 'worn');
  t.equal(manager.ownerOfClass('root/cimv2', 'acme_widgetstatus'), 'template-widgets');
});

t.test('Reset() through the runtime counts, and shows in the next sample', async (t) => {
  const manager = await run(example);
  const target = new CIMInstanceName({ classname: 'ACME_WidgetStatus', keybindings: { InstanceID: 'ACME:widget:w2' } });
  t.same(await manager.invokeMethod('template-widgets', target, 'reset', {}), { returnValue: 0 });
  await manager.refresh();
  t.equal(manager.input().instances[0]!.instances[1]!.get('ResetCount'), 1);

  const ghost = new CIMInstanceName({ classname: 'ACME_WidgetStatus', keybindings: { InstanceID: 'ACME:widget:w9' } });
  await t.rejects(manager.invokeMethod('template-widgets', ghost, 'Reset', {}), { code: CIMStatus.NOT_FOUND, message: "provider 'template-widgets': no widget 'w9'" });
  const foreign = new CIMInstanceName({ classname: 'ACME_WidgetStatus', keybindings: { InstanceID: 'other' } });
  await t.rejects(manager.invokeMethod('template-widgets', foreign, 'Reset', {}), { code: CIMStatus.NOT_FOUND });
  await t.rejects(manager.invokeMethod('template-widgets', target, 'Explode', {}), {
    code: CIMStatus.METHOD_NOT_FOUND,
    message: "provider 'template-widgets': ACME_WidgetStatus has no method Explode",
  });
});

t.test('a bad widgets file fails the sample with the reason', async (t) => {
  writeFileSync(join(dir, 'bad.json'), JSON.stringify({ widgets: [{ id: 'w1', name: 'W', spinRate: -1, condition: 'ok' }] }));
  const manager = await run(join(dir, 'bad.json'));
  t.equal(manager.input().instances[0]!.error, 'widgets[0].spinRate: expected an integer from 0 to 4294967295');
});

t.test('parseWidgets names the bad field', async (t) => {
  const widget = { id: 'w1', name: 'W', spinRate: 1, condition: 'ok' };
  const cases: [unknown, string][] = [
    [{}, 'expected an object with a "widgets" array'],
    [null, 'expected an object with a "widgets" array'],
    [{ widgets: [{ ...widget, id: 'a b' }] }, "widgets[0].id: expected letters, digits, '_' or '-'"],
    [{ widgets: [{ ...widget, name: 3 }] }, 'widgets[0].name: expected a string'],
    [{ widgets: [{ ...widget, spinRate: 1.5 }] }, 'widgets[0].spinRate: expected an integer from 0 to 4294967295'],
    [{ widgets: [{ ...widget, condition: 'great' }] }, 'widgets[0].condition: expected one of unknown, ok, worn, failed'],
  ];
  for (const [data, message] of cases) t.throws(() => parseWidgets(data), { message });
});

t.test('the MOF folder is found next to the module', async (t) => {
  t.equal(templateSchemaDir(), fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, ''));
});
