/**
 * Tools that print a property's meaning the way VMware teaches it work
 * unchanged: they fetch the instance's class with GetClass and read the
 * property's ValueMap and Values qualifiers, inherited properties included.
 *
 * SOURCE: VMware's CIM SMASH/Server Management API Programming Guide (ESXi
 * 5.0 to 7.0), "Mapping Integer Property Values to Strings":
 *
 *     class_info = connection.GetClass( instance.classname, includeQualifiers=True )
 *     qualifiers = class_info.properties[ prop ].qualifiers
 *     if qualifiers.key( 'ValueMap' ) and qualifiers.key( 'Values' ) ...
 *       for ( i=0; len( nums ) - 1; i++ ) if str( nums[ i ] ) == str( prop_val ) ...
 *
 * and the pywbem Nagios check built on it, from the samples of VMware's
 * "Hardware Health Monitoring via CIM" series (blogs.vmware.com/vsphere,
 * 2010/04): `friendlyValue` as above (its loop stops before the last ValueMap
 * entry); EnumerateInstances of CIM_Sensor, then CIM_PowerSupply, in
 * root/cimv2 with no optional parameter; for each instance whose HealthState
 * is not NULL, `friendlyValue(client, instance, 'HealthState')`; exit 0 with
 * "OK: All Hardware is OK" when every string is "OK" or "", else exit 2 with
 * "CRITICAL: <string>: <ElementName>" lines.
 *
 * pywbem sends no LocalOnly for `GetClass(name, IncludeQualifiers=True)`, and
 * `class.properties[name]` raises KeyError for a property the answer lacks.
 * sfcb, ESXi's broker, answers GetClass with every property of the class
 * whatever LocalOnly says (sblim-sfcb classProviderGz.c ClassProviderGetClass
 * returns the stored class, which its MOF compiler resolved with the
 * superclasses' properties); HealthState is inherited from
 * CIM_ManagedSystemElement, so a broker that applied DSP0200's default
 * (LocalOnly=true) crashed the check on a healthy host (Python exit 1, which
 * Nagios shows as WARNING).
 */
import t from 'tap';
import type { CIMClass, CIMInstance } from '../../src/cim/index.js';
import { p, imethod, instancesIn, returned, startTestBroker } from '../helpers/broker.js';

const CIMV2 = 'root/cimv2';

let now = 0;
const started = await startTestBroker({ simulated: { clock: () => now, startTime: 0 } });
t.teardown(() => started.close());

/** GetClass as pywbem writes `GetClass(classname, IncludeQualifiers=True)`: no LocalOnly. */
async function getClassAsPywbem(classname: string): Promise<CIMClass> {
  const item = returned(await imethod(started.url, 'GetClass', CIMV2, p.className('ClassName', classname) + p.value('IncludeQualifiers', true)))[0];
  if (item?.kind !== 'class') throw new Error(`GetClass ${classname} returned no class`);
  return item.cls;
}

/** The sample's friendlyValue; a property the class lacks is the KeyError that kills the check. */
function friendlyValue(cls: CIMClass, instance: CIMInstance, propertyName: string): string {
  const property = cls.properties.get(propertyName);
  if (!property) throw new Error(`KeyError: '${propertyName}' (GetClass ${cls.classname} has ${[...cls.properties.keys()].join(', ') || 'no property'})`);
  const valueMap = property.qualifiers.get('ValueMap')?.value;
  const values = property.qualifiers.get('Values')?.value;
  if (!Array.isArray(valueMap) || !Array.isArray(values)) return '';
  const value = String(instance.get(propertyName));
  for (let i = 0; i < valueMap.length - 1; i++) if (String(valueMap[i]) === value) return String(values[i]);
  return '';
}

/** The check, run once: its exit code and first line. */
async function runCheck(): Promise<{ code: number; output: string }> {
  const classes = new Map<string, CIMClass>();
  const results: [string, string][] = [];
  for (const classname of ['CIM_Sensor', 'CIM_PowerSupply']) {
    for (const instance of instancesIn(await imethod(started.url, 'EnumerateInstances', CIMV2, p.className('ClassName', classname)))) {
      const health = instance.get('HealthState');
      if (health === null || health === undefined) continue;
      let cls = classes.get(instance.classname);
      if (!cls) classes.set(instance.classname, (cls = await getClassAsPywbem(instance.classname)));
      results.push([String(instance.get('ElementName')), friendlyValue(cls, instance, 'HealthState')]);
    }
  }
  const bad = results.filter(([, state]) => state !== 'OK' && state !== '');
  return bad.length === 0 ? { code: 0, output: 'OK: All Hardware is OK' } : { code: 2, output: `CRITICAL: ${bad.map(([name, state]) => `${state}: ${name}`).join('\n')}` };
}

async function at(seconds: number): Promise<{ code: number; output: string }> {
  now = seconds * 1000;
  await started.broker.manager.refresh();
  return runCheck();
}

t.test('GetClass without LocalOnly answers every property of the class, inherited ones with their qualifiers', async (t) => {
  const cls = await getClassAsPywbem('OMC_PowerSupply');
  const health = cls.properties.get('HealthState');
  t.ok(health, 'HealthState, inherited from CIM_ManagedSystemElement, is in the answer');
  t.equal(health?.propagated, true, 'marked PROPAGATED');
  t.ok(health?.qualifiers.has('ValueMap') && health.qualifiers.has('Values'), 'with its ValueMap and Values');
});

t.test('a healthy host: the check says OK', async (t) => {
  t.same(await at(0), { code: 0, output: 'OK: All Hardware is OK' });
});

t.test('a failed power supply: CRITICAL, named with its HealthState string', async (t) => {
  const { code, output } = await at(700);
  t.equal(code, 2, 'exit 2');
  t.match(output, /^CRITICAL: /);
  t.match(output, /Critical failure: .*2/, 'the failed supply, HealthState 25 read through the class as "Critical failure"');
});

t.test('a lost reading: CRITICAL (HealthState 0 reads "Unknown", which the check does not count as OK)', async (t) => {
  const { code, output } = await at(1000);
  t.equal(code, 2, 'exit 2');
  t.match(output, /Unknown: /);
});
