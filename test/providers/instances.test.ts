import t from 'tap';
import { CIMError, CIMInstance, CIMInstanceName, CIMStatus, NocaseMap, cimProperty } from '../../src/cim/index.js';
import type { InstanceProvider, MethodResult } from '../../src/providers/api.js';
import { ProviderManager } from '../../src/providers/manager.js';
import type { ValidationProblem } from '../../src/repository/types.js';
import { loaded, stubRepository, until } from './helpers.js';

function widget(id: string, classname = 'ACME_WidgetStatus'): CIMInstance {
  return new CIMInstance({
    classname,
    properties: new NocaseMap([['InstanceID', cimProperty('InstanceID', 'string', id)], ['Healthy', cimProperty('Healthy', 'boolean', true)]]),
    path: new CIMInstanceName({ classname, keybindings: { InstanceID: id } }),
  });
}

function widgets(enumerate: InstanceProvider['enumerateInstances'], extra: Partial<InstanceProvider> = {}): InstanceProvider {
  return { kind: 'instance', name: 'widgets', version: '2.0.0', classes: ['ACME_WidgetStatus'], enumerateInstances: enumerate, ...extra };
}

function manager(provider: InstanceProvider, validate?: (ns: string, i: CIMInstance) => ValidationProblem[]) {
  const m = new ProviderManager({ providers: [loaded(provider, { timeout: 50 })], repository: stubRepository(validate), hostname: 'h', now: () => 7 });
  t.teardown(() => m.close());
  return m;
}

t.test('instances of every class reach the input, validated in their namespace', async (t) => {
  const validated: string[] = [];
  const asked: string[] = [];
  const provider = widgets(async (_ctx, classname) => {
    asked.push(classname);
    return classname === 'ACME_WidgetStatus' ? [widget('w1'), widget('w2')] : [widget('g1', 'ACME_Gadget')];
  }, { classes: ['ACME_WidgetStatus', 'ACME_Gadget'], namespace: 'root/acme' });
  const m = manager(provider, (ns, instance) => {
    validated.push(`${ns}:${instance.get('InstanceID')}`);
    return [];
  });
  await m.refresh();
  t.same(asked, ['ACME_WidgetStatus', 'ACME_Gadget']);
  const [sample] = m.input().instances;
  t.equal(sample!.provider, 'widgets');
  t.equal(sample!.namespace, 'root/acme');
  t.equal(sample!.sampledAt, 7);
  t.same(sample!.instances.map((i) => i.get('InstanceID')), ['w1', 'w2', 'g1']);
  t.same(validated, ['root/acme:w1', 'root/acme:w2', 'root/acme:g1']);
  t.same(m.input().hardware, []);
});

t.test('the namespace defaults to root/cimv2', async (t) => {
  const m = manager(widgets(async () => []));
  await m.refresh();
  t.equal(m.input().instances[0]!.namespace, 'root/cimv2');
});

t.test('bad instances fail the sample, name the instance, and keep the last good ones', async (t) => {
  let answer: unknown = [widget('w1')];
  let problems: ValidationProblem[] = [];
  const m = manager(widgets(async () => answer as CIMInstance[]), () => problems);
  await m.refresh();
  const cases: [string, unknown, ValidationProblem[], string][] = [
    ['not an array', { w1: widget('w1') }, [], 'enumerateInstances(ACME_WidgetStatus) did not return an array'],
    ['a plain object', [widget('w1'), { classname: 'ACME_WidgetStatus' }], [], "ACME_WidgetStatus[1] is not a CIMInstance (a second copy of thincim's cim module?)"],
    ['another class', [widget('x', 'ACME_Other')], [], 'ACME_WidgetStatus[0] has class ACME_Other'],
    ['no path', [new CIMInstance({ classname: 'ACME_WidgetStatus' })], [], 'ACME_WidgetStatus[0] has no path'],
    ['invalid for the repository', [widget('w1')], [{ property: 'Healthy', message: 'expected uint16' }, { message: 'key InstanceID missing' }],
      'ACME_WidgetStatus[0] is invalid: Healthy: expected uint16; key InstanceID missing'],
  ];
  for (const [name, value, reported, message] of cases) {
    answer = value;
    problems = reported;
    await m.refresh();
    const [sample] = m.input().instances;
    t.equal(sample!.error, message, name);
    t.same(sample!.instances.map((i) => i.get('InstanceID')), ['w1'], `${name}: last good kept`);
  }
});

t.test('class names match without case', async (t) => {
  const m = manager(widgets(async () => [widget('w1', 'acme_widgetstatus')]));
  await m.refresh();
  t.equal(m.input().instances[0]!.error, undefined);
});

t.test('routing: ownerOfClass, modifyInstance and invokeMethod', async (t) => {
  const modified: unknown[] = [];
  let samples = 0;
  const provider = widgets(async () => {
    samples++;
    return [widget('w1')];
  }, {
    namespace: 'root/acme',
    modifyInstance: async (_ctx, instance, propertyList) => void modified.push([instance.get('InstanceID'), propertyList]),
    invokeMethod: async (_ctx, target, method, params): Promise<MethodResult> => {
      if (method === 'Fail') throw new CIMError(CIMStatus.INVALID_PARAMETER, 'Level out of range');
      if (method === 'Crash') throw new Error('widget bus error');
      return { returnValue: 0, out: { Echo: `${target.keybindings.get('InstanceID')}:${params.Level}` } };
    },
  });
  const m = manager(provider);
  await m.refresh();
  t.equal(m.ownerOfClass('/root/ACME/', 'acme_widgetstatus'), 'widgets', 'namespace and class without case');
  t.equal(m.ownerOfClass('root/cimv2', 'ACME_WidgetStatus'), undefined, 'another namespace');
  t.equal(m.ownerOfClass('root/acme', 'ACME_Other'), undefined);

  await m.modifyInstance('root/acme', widget('w1'), ['Healthy']);
  t.same(modified, [['w1', ['Healthy']]]);
  await until(() => samples === 2);
  t.pass('a change triggers a fresh sample');
  await t.rejects(m.modifyInstance('root/acme', widget('x', 'ACME_Other')), {
    code: CIMStatus.NOT_SUPPORTED,
    message: 'no provider serves ACME_Other in root/acme',
  });

  const target = widget('w1').path!;
  t.same(await m.invokeMethod('widgets', target, 'Reset', { Level: 3 }), { returnValue: 0, out: { Echo: 'w1:3' } });
  await t.rejects(m.invokeMethod('widgets', target, 'Fail', {}), { code: CIMStatus.INVALID_PARAMETER, message: "provider 'widgets': Level out of range" });
  await t.rejects(m.invokeMethod('widgets', target, 'Crash', {}), {
    code: CIMStatus.FAILED,
    message: "provider 'widgets': invokeMethod Crash failed: widget bus error",
  });
  await t.rejects(m.invokeMethod('nobody', target, 'Reset', {}), { code: CIMStatus.NOT_FOUND, message: "no enabled provider 'nobody'" });
});

t.test('routing: a provider without modifyInstance or methods', async (t) => {
  const m = manager(widgets(async () => []));
  await t.rejects(m.modifyInstance('root/cimv2', widget('w1')), {
    code: CIMStatus.NOT_SUPPORTED,
    message: "provider 'widgets' cannot modify ACME_WidgetStatus instances",
  });
  await t.rejects(m.invokeMethod('widgets', widget('w1').path!, 'Reset', {}), {
    code: CIMStatus.METHOD_NOT_AVAILABLE,
    message: "provider 'widgets' has no methods",
  });
});
