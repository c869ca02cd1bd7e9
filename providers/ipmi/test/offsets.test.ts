/**
 * Every discrete offset FreeIPMI's default interpretation rates, as ipmitool
 * and FreeIPMI print it, judged as FreeIPMI judges it: a fault never reads
 * healthy or unknown, a healthy state never reads as a fault, whichever tool
 * printed the text. Where the text alone decides — ipmitool's `sdr elist`,
 * FreeIPMI's `ipmi-sensors` without `--output-sensor-state` — and with the
 * state column FreeIPMI computes for it.
 *
 * Sources (read for this table):
 * - the offsets: IPMI 2.0 rev 1.1, tables 42-2 (generic) and 42-3 (sensor-specific);
 * - the ratings: FreeIPMI libfreeipmi/interpret/ipmi-interpret-config-sensor.c
 *   (chu11/freeipmi-mirror), e.g. ipmi_interpret_sensor_management_subsystem_health_config:
 *   { "IPMI_Management_Subsystem_Health_Sensor_Access_Degraded_Or_Unavailable", IPMI_INTERPRET_STATE_CRITICAL };
 * - FreeIPMI's texts: its short strings (ipmi-sensors prints them: 'Fully Redundant', not the full
 *   "Fully Redundant (formerly …)"), libfreeipmi/spec/ipmi-sensor-and-event-code-tables-spec.c,
 *   e.g. ipmi_sensor_type_slot_connector_short: "Fault Status asserted";
 * - ipmitool's texts: include/ipmitool/ipmi_sel.h, sensor_specific_event_types (only entries with data
 *   0xff are printed by `sdr elist`: lib/ipmi_sdr.c ipmi_sdr_print_discrete_state_mini), e.g.
 *   { 0x21, 0x00, 0xff, "Fault Status" }, { 0x28, 0x00, 0xff, "Sensor access degraded or unavailable" }.
 */
import t from 'tap';
import { buildModel } from '../../../src/model/index.js';
import type { Health } from '../../../src/model/snapshot.js';
import { input, Model, sample, values } from '../../../test/model/fixtures.js';
import { buildSnapshot } from '../map.js';
import { parseSensorOutput } from '../recognise.js';

/** FreeIPMI's rating → the state column it prints. */
const COLUMN: Partial<Record<Health, string>> = { ok: 'Nominal', warning: 'Warning', critical: 'Critical' };

/** [FreeIPMI's sensor type, ipmitool's text (null: ipmitool prints none), FreeIPMI's text, FreeIPMI's rating, a sensor name]. */
type Row = [string, string | null, string, Health, string];

const RATED: Row[] = [
  // 05h Physical Security: IPMI_Physical_Security_LAN_Leash_Lost, _Unauthorized_Dock_Undock CRITICAL.
  ['Physical Security', 'System unplugged from LAN', 'LAN Leash Lost', 'critical', 'LAN Leash'],
  ['Physical Security', 'Unauthorized dock', 'Unauthorized dock', 'critical', 'Dock'],
  // 06h Platform Security Violation Attempt: every offset CRITICAL.
  ['Platform Security Violation Attempt', 'Front Panel Lockout violation attempted', 'Secure Mode Violation attempt', 'critical', 'Platform Security'],
  ['Platform Security Violation Attempt', 'Pre-boot password violation - user password', 'Pre-boot Password Violation - user password', 'critical', 'Platform Security'],
  ['Platform Security Violation Attempt', 'Pre-boot password violation - setup password', 'Pre-boot Password Violation - setup password', 'critical', 'Platform Security'],
  ['Platform Security Violation Attempt', 'Pre-boot password violation - network boot password', 'Pre-boot Password Violation - network boot password', 'critical', 'Platform Security'],
  ['Platform Security Violation Attempt', 'Other pre-boot password violation', 'Other pre-boot Password Violation', 'critical', 'Platform Security'],
  ['Platform Security Violation Attempt', 'Out-of-band access password violation', 'Out-of-band Access Password Violation', 'critical', 'Platform Security'],
  // 0Dh Drive Slot: In_Critical_Array CRITICAL, Consistency_Check_Parity_Check_In_Progress and Rebuild_Remap_In_Progress
  // NOMINAL, Rebuild_Remap_Aborted CRITICAL.
  ['Drive Slot', 'Parity Check In Progress', 'Consistency Check / Parity Check in progress', 'ok', 'Drive 0'],
  ['Drive Slot', 'Rebuild In Progress', 'Rebuild/Remap in progress', 'ok', 'Drive 0'],
  ['Drive Slot', 'Rebuild Aborted', 'Rebuild/Remap Aborted', 'critical', 'Drive 0'],
  // 0Fh System Firmware Progress: Error and Hang CRITICAL, Progress NOMINAL (ipmitool prints its data-0xff texts).
  ['System Firmware Progress', 'Unknown Error', 'System Firmware Error', 'critical', 'POST Status'],
  ['System Firmware Progress', 'Unknown Hang', 'System Firmware Hang', 'critical', 'POST Status'],
  ['System Firmware Progress', 'Unknown Progress', 'System Firmware Progress', 'ok', 'POST Status'],
  // 10h Event Logging Disabled.
  ['Event Logging Disabled', 'Correctable memory error logging disabled', 'Correctable Memory Error Logging Disabled', 'critical', 'Event Log'],
  ['Event Logging Disabled', 'Event logging disabled', 'Event Type Logging Disabled', 'critical', 'Event Log'],
  ['Event Logging Disabled', 'Log area reset/cleared', 'Log Area Reset/Cleared', 'ok', 'Event Log'],
  ['Event Logging Disabled', 'All event logging disabled', 'All Event Logging Disabled', 'critical', 'Event Log'],
  ['Event Logging Disabled', 'Log almost full', 'SEL Almost Full', 'warning', 'Event Log'],
  ['Event Logging Disabled', null, 'Correctable Machine Check Error Logging Disabled', 'critical', 'Event Log'],
  // 12h System Event.
  ['System Event', 'System Reconfigured', 'System Reconfigured', 'warning', 'System Event'],
  ['System Event', 'OEM System boot event', 'OEM System Boot Event', 'ok', 'System Event'],
  ['System Event', 'Entry added to auxiliary log', 'Entry added to Auxiliary Log', 'ok', 'System Event'],
  ['System Event', 'PEF Action', 'PEF Action', 'ok', 'System Event'],
  // 13h Critical Interrupt: Front_Panel_NMI CRITICAL, Software_NMI WARNING, EISA_Fail_Safe_Timeout CRITICAL.
  ['Critical Interrupt', 'NMI/Diag Interrupt', 'Front Panel NMI/Diagnostic Interrupt', 'critical', 'NMI'],
  ['Critical Interrupt', 'Software NMI', 'Software NMI', 'warning', 'NMI'],
  ['Critical Interrupt', 'EISA failsafe timeout', 'EISA Fail Safe Timeout', 'critical', 'NMI'],
  // 14h Button/Switch.
  ['Button/Switch', 'Power Button pressed', 'Power Button pressed', 'ok', 'Button'],
  ['Button/Switch', 'Sleep Button pressed', 'Sleep Button pressed', 'ok', 'Button'],
  ['Button/Switch', 'Reset Button pressed', 'Reset Button pressed', 'ok', 'Button'],
  ['Button/Switch', 'FRU Latch', 'FRU latch open', 'warning', 'Button'],
  ['Button/Switch', 'FRU Service', 'FRU service request button', 'warning', 'Button'],
  // 1Bh Cable/Interconnect.
  ['Cable/Interconnect', 'Connected', 'Cable/Interconnect is connected', 'ok', 'Cable'],
  ['Cable/Interconnect', 'Config Error', 'Configuration Error - Incorrect cable connected', 'critical', 'Cable'],
  // 1Eh Boot Error.
  ['Boot Error', 'No bootable media', 'No bootable media', 'critical', 'Boot Error'],
  ['Boot Error', 'Non-bootable disk in drive', 'Non-bootable diskette left in drive', 'critical', 'Boot Error'],
  ['Boot Error', 'PXE server not found', 'PXE Server not found', 'critical', 'Boot Error'],
  ['Boot Error', 'Invalid boot sector', 'Invalid boot sector', 'critical', 'Boot Error'],
  ['Boot Error', 'Timeout waiting for selection', 'Timeout waiting for user selection of boot source', 'warning', 'Boot Error'],
  // 21h Slot/Connector: Fault_Status_Asserted CRITICAL; Identify, Removal Request, Interlock, Disabled WARNING.
  ['Slot/Connector', 'Fault Status', 'Fault Status asserted', 'critical', 'PCIe Slot1'],
  ['Slot/Connector', 'Device Installed', 'Slot/Connector Device installed/attached', 'ok', 'PCIe Slot1'],
  ['Slot/Connector', 'Ready for Device Installation', 'Slot/Connector Ready for Device Installation', 'ok', 'PCIe Slot1'],
  ['Slot/Connector', 'Ready for Device Removal', 'Slot/Connector Ready for Device Removal', 'ok', 'PCIe Slot1'],
  ['Slot/Connector', 'Slot Power is Off', 'Slot Power is Off', 'ok', 'PCIe Slot1'],
  ['Slot/Connector', 'Device Removal Request', 'Slot/Connector Device Removal Request', 'warning', 'PCIe Slot1'],
  ['Slot/Connector', 'Interlock', 'Interlock asserted', 'warning', 'PCIe Slot1'],
  ['Slot/Connector', 'Spare Device', 'Slot holds spare device', 'ok', 'PCIe Slot1'],
  // 22h System ACPI Power State: FreeIPMI's short texts (ipmitool's are read already).
  ['System ACPI Power State', 'S0/G0: working', 'S0/G0', 'ok', 'ACPI State'],
  ['System ACPI Power State', 'S3: sleeping, processor & hw context lost, memory retained', 'S3', 'ok', 'ACPI State'],
  ['System ACPI Power State', 'S5/G2: soft-off', 'S5/G2', 'ok', 'ACPI State'],
  ['System ACPI Power State', 'G3: mechanical off', 'G3/Mechanical Off', 'ok', 'ACPI State'],
  ['System ACPI Power State', 'Sleeping in S1/S2/S3 state', 'Sleeping in an S1, S2, or S3 states', 'ok', 'ACPI State'],
  ['System ACPI Power State', 'G1: sleeping', 'G1 sleeping', 'ok', 'ACPI State'],
  ['System ACPI Power State', 'S5: entered by override', 'S5 entered by override', 'ok', 'ACPI State'],
  // 23h Watchdog 2: Timer_Expired WARNING, Hard_Reset, Power_Down, Power_Cycle CRITICAL, Timer_Interrupt WARNING.
  ['Watchdog 2', 'Timer expired', 'Timer expired, status only', 'warning', 'Watchdog'],
  ['Watchdog 2', 'Hard reset', 'Hard Reset', 'critical', 'Watchdog'],
  ['Watchdog 2', 'Power down', 'Power Down', 'critical', 'Watchdog'],
  ['Watchdog 2', 'Power cycle', 'Power Cycle', 'critical', 'Watchdog'],
  ['Watchdog 2', 'Timer interrupt', 'Timer interrupt', 'warning', 'Watchdog'],
  // 28h Management Subsystem Health: every offset CRITICAL.
  ['Management Subsystem Health', 'Sensor access degraded or unavailable', 'sensor access degraded or unavailable', 'critical', 'BMC Health'],
  ['Management Subsystem Health', 'Controller access degraded or unavailable', 'controller access degraded or unavailable', 'critical', 'BMC Health'],
  ['Management Subsystem Health', 'Management controller off-line', 'management controller off-line', 'critical', 'BMC Health'],
  ['Management Subsystem Health', 'Management controller unavailable', 'management controller unavailable', 'critical', 'BMC Health'],
  ['Management Subsystem Health', 'Sensor failure', 'sensor failure', 'critical', 'BMC Health'],
  ['Management Subsystem Health', 'FRU failure', 'FRU failure', 'critical', 'BMC Health'],
  // 29h Battery: FreeIPMI's short texts.
  ['Battery', 'Low', 'battery low', 'warning', 'CMOS Battery'],
  ['Battery', 'Presence Detected', 'battery presence detected', 'ok', 'CMOS Battery'],
  // 2Ah Session Audit (ipmitool's table has no 2Ah entry).
  ['Session Audit', null, 'Session Activated', 'ok', 'Session Audit'],
  ['Session Audit', null, 'Session Deactivated', 'ok', 'Session Audit'],
  ['Session Audit', null, 'Invalid Username or Password', 'warning', 'Session Audit'],
  ['Session Audit', null, 'Invalid Password Disable', 'critical', 'Session Audit'],
  // 2Ch FRU State (offset 0, not installed, is below: an absent part).
  ['FRU State', 'Activation Requested', 'FRU Activation Requested', 'warning', 'FRU State'],
  ['FRU State', 'Activation in Progress', 'FRU Activation In Progress', 'warning', 'FRU State'],
  ['FRU State', 'Active', 'FRU Active', 'ok', 'FRU State'],
  ['FRU State', 'Deactivation Requested', 'FRU Deactivation Requested', 'warning', 'FRU State'],
  ['FRU State', 'Deactivation in Progress', 'FRU Deactivation In Progress', 'warning', 'FRU State'],
  ['FRU State', 'Communication lost', 'FRU Communication Lost', 'critical', 'FRU State'],
  // Generic 07h severity: Monitor WARNING (as rated on every type FreeIPMI rates it).
  ['Temperature', 'Monitor', 'Monitor', 'warning', 'Temp Severity'],
  // Generic 05h limit and 06h performance: CRITICAL on every type FreeIPMI rates them (temperature, voltage).
  ['Temperature', 'Limit Exceeded', 'Limit Exceeded', 'critical', 'Temp Limit'],
  ['Voltage', 'Performance Lags', 'Performance Lags', 'critical', 'VR Perf'],
];

function discreteHealth(text: string, layout?: string): Health | undefined {
  const snapshot = buildSnapshot({ readings: parseSensorOutput(text, layout).readings });
  return snapshot.discreteSensors?.[0]?.health;
}

const ipmitoolLine = (name: string, text: string) => `${name} | 42h | ok | 7.1 | ${text}`;
const freeIpmiLine = (name: string, type: string, text: string, column?: Health) =>
  column === undefined
    ? `ID | Name | Type | Reading | Units | Event\n42 | ${name} | ${type} | N/A | N/A | '${text}'`
    : `ID | Name | Type | State | Reading | Units | Event\n42 | ${name} | ${type} | ${COLUMN[column] ?? 'N/A'} | N/A | N/A | '${text}'`;

t.test('every rated offset reads as FreeIPMI rates it, from ipmitool and from FreeIPMI with or without its state column', async (t) => {
  for (const [type, ipmitool, freeipmi, rating, name] of RATED) {
    if (ipmitool !== null) t.equal(discreteHealth(ipmitoolLine(name, ipmitool), 'elist'), rating, `ipmitool "${ipmitool}" (${type})`);
    t.equal(discreteHealth(freeIpmiLine(name, type, freeipmi)), rating, `FreeIPMI '${freeipmi}' without a state column (${type})`);
    t.equal(discreteHealth(freeIpmiLine(name, type, freeipmi, rating)), rating, `FreeIPMI '${freeipmi}' with its column (${type})`);
  }
});

t.test('where thincim rates an offset otherwise than FreeIPMI: its meaning, over FreeIPMI\'s default column; an operator\'s worse column stands', async (t) => {
  // [type, ipmitool's text, FreeIPMI's text, thincim's rating, FreeIPMI's default rating, a sensor name]. A slot's
  // locate light lit by someone looking for it, a clock set (Slot_Connector_Identify_Status_Asserted,
  // System_Event_Timestamp_Clock_Sync WARNING); a FRU in standby or held as a hot spare (FRU_Inactive CRITICAL: FreeIPMI's
  // own text says 'in standby or "hot spare" state'); the BMC's log full (Event_Logging_Disabled_SEL_Full CRITICAL: no
  // hardware failed); a drive in an array that lost its redundancy but works (Drive_Slot_In_Critical_Array CRITICAL: a
  // warning, as a redundancy set's Redundancy Lost is).
  const rows: [string, string, string, Health, Health, string][] = [
    ['Slot/Connector', 'Identify Status', 'Identify Status asserted', 'ok', 'warning', 'PCIe Slot1'],
    ['System Event', 'Timestamp Clock Sync', 'Timestamp Clock Synch', 'ok', 'warning', 'System Event'],
    ['FRU State', 'Inactive', 'FRU Inactive', 'ok', 'critical', 'FRU State'],
    ['Event Logging Disabled', 'Log full', 'SEL Full', 'warning', 'critical', 'Event Log'],
    ['Drive Slot', 'In Critical Array', 'In Critical Array', 'warning', 'critical', 'Drive 0'],
    // A NIC port without a cable: Dell's "NIC1-1 Link Down" (prometheus-community/ipmi_exporter#108:
    // "NIC1-1 Link Down,Slot/Connector,Warning,...,'Slot is Disabled'"; canonical/hardware-observer-operator#107).
    ['Slot/Connector', 'Slot is Disabled', 'Slot is Disabled', 'unknown', 'warning', 'NIC1-1 Link Down'],
  ];
  for (const [type, ipmitool, freeipmi, ours, theirs, name] of rows) {
    t.equal(discreteHealth(ipmitoolLine(name, ipmitool), 'elist'), ours, `ipmitool "${ipmitool}" (${type})`);
    t.equal(discreteHealth(freeIpmiLine(name, type, freeipmi)), ours, `FreeIPMI '${freeipmi}' without a state column (${type})`);
    t.equal(discreteHealth(freeIpmiLine(name, type, freeipmi, theirs)), ours, `FreeIPMI's default column gives way (${type})`);
    // A column worse than FreeIPMI's default is an operator's interpretation file's: it stands.
    if (theirs === 'warning') t.equal(discreteHealth(freeIpmiLine(name, type, freeipmi, 'critical')), 'critical', `an operator's Critical column stands (${type})`);
  }
});

t.test('a faulted slot or management controller read by ipmitool makes the system critical; a rebuild in progress is no alarm', async (t) => {
  // `sdr elist` lines as ipmitool prints a Slot/Connector (21h), a Management Subsystem Health (28h), a Drive Slot (0Dh)
  // and a Watchdog 2 (23h) record. HealthState 25 critical, 10 degraded, 5 OK; OperationalStatus 6 Error, 3 Degraded, 2 OK.
  const listing = [
    ipmitoolLine('PCIe Slot1', 'Fault Status'),
    ipmitoolLine('BMC Health', 'Management controller unavailable'),
    ipmitoolLine('Drive 0', 'Drive Present, Rebuild In Progress'),
    ipmitoolLine('PCIe Slot2', 'Device Installed'),
    ipmitoolLine('Watchdog', 'Timer expired'),
  ];
  const snapshot = buildSnapshot({ readings: parseSensorOutput(listing.join('\n'), 'elist').readings });
  const model = new Model(buildModel(input([sample(snapshot, { provider: 'ipmi' })])));
  const state = (label: string) => values(model.one('OMC_DiscreteSensor', `ipmi:${label}`), ['CurrentState', 'HealthState', 'OperationalStatus']);
  t.same(state('PCIe Slot1'), { CurrentState: 'Fault Status', HealthState: 25, OperationalStatus: [6] });
  t.same(state('BMC Health'), { CurrentState: 'Management controller unavailable', HealthState: 25, OperationalStatus: [6] });
  t.same(state('Drive 0'), { CurrentState: 'Drive Present', HealthState: 5, OperationalStatus: [2] }, 'FreeIPMI: Rebuild_Remap_In_Progress NOMINAL');
  t.same(state('PCIe Slot2'), { CurrentState: 'Device Installed', HealthState: 5, OperationalStatus: [2] });
  t.same(state('Watchdog'), { CurrentState: 'Timer expired', HealthState: 10, OperationalStatus: [3] });
  t.equal(model.all('Thincim_ComputerSystem')[0]!.get('HealthState'), 25);
});

t.test('a text several sensor types share reveals no supply: a power unit\'s, a processor\'s, a cable\'s fault is not a supply status sensor', async (t) => {
  // ipmitool prints the same text for offsets of several types (include/ipmitool/ipmi_sel.h): "Failure detected" is
  // Power Supply (08h) offset 1 and Power Unit (09h) offset 6; "Config Error" Power Supply offset 6 and Cable/
  // Interconnect (1Bh) offset 1; "Configuration Error" Processor (07h) offset 5 and Memory (0Ch) offset 7, which
  // FreeIPMI's "Configuration error" (Power Supply offset 6) matches. Each is a fault wherever it is asserted.
  const others = buildSnapshot({
    readings: parseSensorOutput([
      ipmitoolLine('Pwr Unit Status', 'Failure detected'),
      ipmitoolLine('CPU1 Status', 'Configuration Error'),
      ipmitoolLine('Cable', 'Config Error'),
    ].join('\n'), 'elist').readings,
  });
  t.same(others.discreteSensors?.map((s) => [s.label, s.kind, s.health]), [
    ['Pwr Unit Status', 'other', 'critical'], ['CPU1 Status', 'other', 'critical'], ['Cable', 'other', 'critical'],
  ]);
  t.same(others.powerSupplies ?? [], []);
  // On a supply's own sensor they are the supply's: Dell 11G's "Status" on entity 10.1, and a named one.
  const supplies = buildSnapshot({
    readings: parseSensorOutput([
      'Status           | 61h | ok  | 10.1 | Failure detected',
      'PS2 Status       | 62h | ok  | 10.2 | Presence detected, Config Error',
    ].join('\n'), 'elist').readings,
  });
  t.same(supplies.discreteSensors?.map((s) => [s.label, s.kind, s.health, s.possibleStates.includes('Failure detected')]), [
    ['Status', 'powerSupplyStatus', 'critical', true], ['PS2 Status', 'powerSupplyStatus', 'critical', true],
  ]);
  t.same(supplies.powerSupplies?.map((p) => [p.status, p.statusReason]), [['failed', 'failure detected'], ['failed', 'config error']]);
});
