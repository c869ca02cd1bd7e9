import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { validateSnapshot } from '../../../src/providers/validate.js';
import { linuxBatteries, withLinuxBatteries, type SysinfoSource } from '../index.js';
import { buildSnapshot } from '../map.js';

const fixture = (name: string) => fileURLToPath(new URL(`fixtures/${name}`, import.meta.url));

/** A power_supply tree of supplies, each a map of attribute files. */
function tree(t: { teardown: (fn: () => void) => void }, supplies: Record<string, Record<string, string>>): string {
  const root = mkdtempSync(join(tmpdir(), 'sysinfo-power-'));
  t.teardown(() => rmSync(root, { recursive: true, force: true }));
  for (const [name, files] of Object.entries(supplies)) {
    mkdirSync(join(root, name));
    for (const [file, text] of Object.entries(files)) writeFileSync(join(root, name, file), `${text}\n`);
  }
  return root;
}

const batteries = async (root: string) => buildSnapshot({ battery: await linuxBatteries(root) }, { hostname: 'h', cpuTemperature: false }).batteries;

t.test("a Fujitsu's CMB1, which systeminformation doesn't look for, is a battery; AC and USB supplies are not", async (t) => {
  t.same(await batteries(fixture('power-fujitsu-lifebook-e5412')), [{ id: 'sysinfo:battery-CMB1', label: 'Battery CMB1', chargePercent: 94, status: 'ok' }],
    'no status quoted, so no charging state');
});

t.test("a Dell's BAT0, charging", async (t) => {
  const snapshot = buildSnapshot({ battery: await linuxBatteries(fixture('power-dell-bat0')) }, { hostname: 'h', cpuTemperature: false });
  validateSnapshot(snapshot);
  t.same(snapshot.batteries, [{ id: 'sysinfo:battery-BAT0', label: 'Battery BAT0', chargePercent: 98, charging: true, status: 'ok' }]);
});

t.test('every system battery, in name order, whatever its charge', async (t) => {
  const root = tree(t, {
    BAT1: { type: 'Battery', status: 'Discharging', present: '1', energy_now: '0', energy_full: '23200000' },
    BAT0: { type: 'Battery', status: 'Unknown', present: '1', capacity: '57' },
    BAT2: { type: 'Battery', present: '0' },
    hidpp_battery_0: { type: 'Battery', scope: 'Device', status: 'Discharging', capacity: '30' },
    AC: { type: 'Mains', online: '1' },
  });
  t.same(await batteries(root), [
    { id: 'sysinfo:battery-BAT0', label: 'Battery BAT0', chargePercent: 57, status: 'ok' },
    { id: 'sysinfo:battery-BAT1', label: 'Battery BAT1', chargePercent: 0, charging: false, status: 'ok' },
  ], 'BAT0 next to BAT1; an empty battery is a battery at 0 %; "Unknown" is no charging state; an empty bay and a mouse are not batteries');
  t.same(await batteries(tree(t, { BAT0: { type: 'Battery', status: 'Full', charge_now: '4000', charge_full: '5000' } })),
    [{ id: 'sysinfo:battery-BAT0', label: 'Battery BAT0', chargePercent: 80, charging: false, status: 'ok' }], 'the charge left when there is no capacity file');
});

t.test('a battery keeps its id and label when the bay before it is emptied: both are its supply name, not its place', async (t) => {
  // A ThinkPad's internal BAT0 and external BAT1 (see power.ts); the external one taken out is `present` 0.
  const bat1 = { type: 'Battery', status: 'Discharging', capacity: '40' };
  const both = await batteries(tree(t, { BAT0: { type: 'Battery', status: 'Full', capacity: '100' }, BAT1: bat1 }));
  const emptied = await batteries(tree(t, { BAT0: { type: 'Battery', present: '0' }, BAT1: bat1 }));
  t.same(both?.map((b) => [b.id, b.label]), [['sysinfo:battery-BAT0', 'Battery BAT0'], ['sysinfo:battery-BAT1', 'Battery BAT1']]);
  t.same(emptied?.map((b) => [b.id, b.label]), [['sysinfo:battery-BAT1', 'Battery BAT1']], 'BAT1 is not relabelled "Battery"');
});

t.test('no battery under power_supply is none; no power_supply at all is systeminformation\'s answer', async (t) => {
  t.same(await batteries(tree(t, { AC: { type: 'Mains' } })), []);
  const si = { battery: async () => ({ hasBattery: true, isCharging: true, percent: 12 }) } as unknown as SysinfoSource;
  t.same(await withLinuxBatteries(si, fixture('no-such-dir')).battery(), { hasBattery: true, isCharging: true, percent: 12 });
  t.same(await withLinuxBatteries(si, fixture('power-dell-bat0')).battery(),
    { hasBattery: true, isCharging: true, percent: 98, supplyName: 'BAT0', additionalBatteries: [] });
});
