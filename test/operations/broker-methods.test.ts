/**
 * The broker's own extrinsic methods (src/operations/dispatch.ts,
 * BROKER_METHODS): which class's method the broker answers, and so which a
 * caller who may only read may call. A subclass that overrides the method
 * with another declaration is no longer the broker's: its call is a write,
 * routed to the provider that owns the class.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { brokerMethod } from '../../src/operations/dispatch.js';
import { loadRepository } from '../../src/repository/index.js';

const OEM_MOF = `
class Oem_DefaultInProfile : CIM_RegisteredProfile {
   [Override("GetCentralInstances")]
   uint8 GetCentralInstances([Out] CIM_ManagedElement REF CentralInstances[]);
};
class Oem_InParamProfile : CIM_RegisteredProfile {
   [Override("GetCentralInstances")]
   uint8 GetCentralInstances([In] string Filter, [In(false), Out] CIM_ManagedElement REF CentralInstances[]);
};
class Oem_RenamedProfile : CIM_RegisteredProfile {
   [Override("GetCentralInstances")]
   uint8 GetCentralInstances([In(false), Out] CIM_ManagedElement REF Instances[]);
};
`;

t.test('GetCentralInstances is the broker\'s on every registered profile class that keeps DSP1033\'s declaration, and only there', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'thincim-broker-methods-'));
  t.teardown(() => rm(dir, { recursive: true }));
  await writeFile(join(dir, 'oem.mof'), OEM_MOF);
  const repository = await loadRepository({ schemaDir: dir, cacheDir: false });
  const owner = (namespace: string, classname: string, method = 'GetCentralInstances') => brokerMethod({ repository }, namespace, classname, method)?.right;
  t.equal(owner('root/interop', 'Thincim_RegisteredProfile'), 'read', 'the project\'s registered profiles');
  t.equal(owner('interop', 'Thincim_RegisteredProfile'), 'read', 'named through the namespace alias');
  t.equal(owner('root/interop', 'thincim_registeredprofile', 'getcentralinstances'), 'read', 'names matched without case');
  t.equal(owner('root/interop', 'Oem_DefaultInProfile'), 'read', 'an override that keeps the declaration (In(false) inherited)');
  t.equal(owner('root/interop', 'Oem_InParamProfile'), undefined, 'an override that takes an input: not the broker\'s');
  t.equal(owner('root/interop', 'Oem_RenamedProfile'), undefined, 'an override with another output: not the broker\'s');
  t.equal(owner('root/cimv2', 'OMC_Fan'), undefined, 'a class that is no registered profile');
  t.equal(owner('root/nowhere', 'Thincim_RegisteredProfile'), undefined, 'a namespace that does not exist');
  t.equal(owner('root/interop', 'No_Such_Class'), undefined, 'a class that does not exist');
  t.equal(owner('root/interop', 'Thincim_RegisteredProfile', 'Reset'), undefined, 'any other method');
});
