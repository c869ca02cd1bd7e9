/**
 * The whole-model walk: the default simulated scenario played through its
 * timeline, every model built from it checked against the profile rules and
 * every instance validated against the class repository.
 */
import t from 'tap';
import { CIMInstance, cimProperty } from '../../src/cim/index.js';
import { buildModel, checkProfileRules, createInstanceIndex, type ModelEntry, type ModelInput } from '../../src/model/index.js';
import { loadRepository } from '../../src/repository/index.js';
import { DEFAULT_SCENARIO, SimulatedHost } from '../../providers/simulated/index.js';
import { NOW, fullSnapshot, input, sample } from './fixtures.js';

const repository = await loadRepository({ cacheDir: false });
const host = new SimulatedHost(DEFAULT_SCENARIO);
const loop = DEFAULT_SCENARIO.timeline!.loopSeconds!;

function simulated(at: number, over: Partial<ModelInput['hardware'][number]> = {}): ModelInput {
  return input([sample(host.snapshotAt(at), { provider: 'simulated', intervalMs: 10_000, ...over })]);
}

function invalid(entries: readonly ModelEntry[]): string[] {
  return entries.flatMap(({ namespace, instance }) =>
    repository.validateInstance(namespace, instance).map((p) => `${namespace} ${String(instance.path)} ${p.property ?? ''}: ${p.message}`));
}

t.test('every model along the timeline keeps the profile rules and validates against the schema', async (t) => {
  const classes = new Set<string>();
  for (let at = 0; at < loop; at += 30) {
    const entries = buildModel(simulated(at));
    t.same(checkProfileRules(entries), [], `rules at ${at} s`);
    t.same(invalid(entries), [], `schema at ${at} s`);
    t.doesNotThrow(() => createInstanceIndex(at, entries));
    for (const { instance } of entries) classes.add(instance.classname);
  }
  t.same([...classes].sort(), [
    'OMC_DiscreteSensor', 'OMC_Fan', 'OMC_PowerSupply', 'OMC_SMASHFirmwareIdentity', 'Thincim_AssociatedSensor', 'Thincim_Card',
    'Thincim_Chassis', 'Thincim_ComputerSystem', 'Thincim_ComputerSystemPackage', 'Thincim_Container', 'Thincim_ElementCapabilities',
    'Thincim_ElementConformsToProfile', 'Thincim_ElementSoftwareIdentity', 'Thincim_EnabledLogicalElementCapabilities', 'Thincim_HostedCollection',
    'Thincim_MemberOfCollection', 'Thincim_Memory', 'Thincim_NumericSensor', 'Thincim_OwningCollectionElement', 'Thincim_PhysicalPackage',
    'Thincim_Processor', 'Thincim_Realizes', 'Thincim_RedundancySet', 'Thincim_ReferencedProfile', 'Thincim_RegisteredProfile', 'Thincim_SystemDevice',
  ], 'the walk covers every class the default scenario makes');
});

t.test('stale and failed providers still give valid models', async (t) => {
  const stale = buildModel(simulated(250, { sampledAt: NOW - 3_600_000, error: 'timed out' }));
  t.same(checkProfileRules(stale), []);
  t.same(invalid(stale), []);
  const missing = buildModel(input([sample(undefined, { provider: 'ipmi', error: 'no BMC' })]));
  t.same(checkProfileRules(missing), []);
  t.same(invalid(missing), []);
});

t.test('the fixture with batteries and boards validates too', async (t) => {
  const entries = buildModel(input([sample(fullSnapshot(), { intervalMs: 1000 })]));
  t.ok(entries.some((e) => e.instance.classname === 'Thincim_Battery'));
  t.same(invalid(entries), []);
});

t.test('the validation itself catches a wrong type', async (t) => {
  const entries = buildModel(simulated(0));
  const sensor = entries.find((e) => e.instance.classname === 'Thincim_NumericSensor')!.instance;
  const properties = sensor.properties.clone().set('CurrentReading', cimProperty('CurrentReading', 'string', 'hot'));
  const broken = new CIMInstance({ classname: sensor.classname, properties, path: sensor.path });
  t.not(repository.validateInstance('root/cimv2', broken).length, 0);
});
