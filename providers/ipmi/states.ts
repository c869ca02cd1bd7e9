/**
 * What discrete state texts mean. The status column of a discrete sensor only
 * says whether it could be read; its health is in the asserted states
 * ("Failure detected" with status ok is a failed supply). Texts come from
 * ipmitool's and FreeIPMI's event tables (IPMI 2.0 tables 42-2 and 42-3);
 * lookups ignore case, spacing after ':' and a trailing "(…)" remark.
 */
import type { DeviceStatus, DiscreteSensorKind, Health, RedundancyStatus } from '../../src/model/snapshot.js';

export interface StateMeaning {
  health: Health;
  /** The sensor kind the state reveals, when only one kind asserts it. */
  kind?: DiscreteSensorKind;
  /** The kind whose offset the state is where other sensor types print the same text ("Failure detected"). */
  of?: DiscreteSensorKind;
  /** What the state says about the power supply a sensor watches. */
  supply?: DeviceStatus;
  /** Why, when the supply is not ok: becomes `PowerSupply.statusReason`. */
  reason?: string;
  redundancy?: RedundancyStatus;
  /** FreeIPMI's state column for the state, where its interpretation file differs from `health` (an absent part is Critical). */
  freeIpmi?: Health;
}

const psu = (health: Health, supply: DeviceStatus, reason?: string): StateMeaning => ({ health, kind: 'powerSupplyStatus', supply, ...(reason ? { reason } : {}) });
/**
 * A supply's offset whose text other types print too (ipmitool: "Failure detected" is also a power unit's offset 6,
 * "Config Error" a cable's offset 1; "Configuration error" is also a processor's and a memory's): the supply's state
 * on a supply's sensor, no sign of one elsewhere.
 */
const sharedPsu = (health: Health, supply: DeviceStatus, reason: string): StateMeaning => ({ health, of: 'powerSupplyStatus', supply, reason });
const intrusion = (health: Health): StateMeaning => ({ health, kind: 'intrusion' });
const redundancy = (health: Health, status: RedundancyStatus): StateMeaning => ({ health, kind: 'redundancy', redundancy: status });
const presence: StateMeaning = { health: 'ok', kind: 'presence', supply: 'ok' };
/** A module that is not there: fine for a presence sensor, a failed supply where it is one (a pulled PSU). FreeIPMI calls it Critical. */
const absence: StateMeaning = { health: 'ok', kind: 'presence', supply: 'failed', reason: 'not present', freeIpmi: 'critical' };
const plain = (health: Health): StateMeaning => ({ health });
/** A state thincim rates otherwise than FreeIPMI's default interpretation, which gives way to it (an operator's does not). */
const rated = (health: Health, freeIpmi: Health): StateMeaning => ({ health, freeIpmi });

const MEANINGS: ReadonlyArray<[string, StateMeaning]> = [
  // Power supply (sensor type 08h); "Presence detected" is shared with processors.
  ['Presence detected', { health: 'ok', kind: 'presence', supply: 'ok' }],
  ['Failure detected', sharedPsu('critical', 'failed', 'failure detected')],
  ['Power Supply Failure detected', psu('critical', 'failed', 'failure detected')],
  ['Predictive failure', { health: 'warning', supply: 'degraded', reason: 'predictive failure' }],
  ['Power Supply AC lost', psu('critical', 'failed', 'AC lost')],
  ['AC lost or out-of-range', psu('critical', 'failed', 'AC lost or out of range')],
  ['AC out-of-range, but present', psu('warning', 'degraded', 'AC out of range')],
  ['Power Supply input lost (AC/DC)', psu('critical', 'failed', 'input lost')],
  ['Power Supply input lost or out-of-range', psu('critical', 'failed', 'input lost or out of range')],
  ['Power Supply input out-of-range, but present', psu('warning', 'degraded', 'input out of range')],
  ['Config Error', sharedPsu('critical', 'failed', 'config error')],
  ['Config Error: Vendor Mismatch', psu('critical', 'failed', 'config error: vendor mismatch')],
  ['Config Error: Revision Mismatch', psu('critical', 'failed', 'config error: revision mismatch')],
  ['Config Error: Processor Missing', psu('critical', 'failed', 'config error: processor missing')],
  ['Config Error: Power Supply Rating Mismatch', psu('critical', 'failed', 'config error: rating mismatch')],
  ['Config Error: Voltage Rating Mismatch', psu('critical', 'failed', 'config error: voltage rating mismatch')],
  ['Configuration error', sharedPsu('critical', 'failed', 'config error')],
  ['Power Supply Inactive', psu('ok', 'ok')],
  // Physical security (05h): every offset Critical to FreeIPMI (ipmi_interpret_sensor_physical_security_config).
  ['General Chassis intrusion', intrusion('critical')],
  ['Drive Bay intrusion', intrusion('critical')],
  ['I/O Card area intrusion', intrusion('critical')],
  ['Processor area intrusion', intrusion('critical')],
  ['FAN area intrusion', intrusion('critical')],
  ['System unplugged from LAN', intrusion('critical')],
  ['LAN Leash Lost', intrusion('critical')],
  ['Unauthorized dock', intrusion('critical')],
  // Platform security violation attempt (06h), ipmitool's and FreeIPMI's texts: every offset Critical to FreeIPMI.
  ['Front Panel Lockout violation attempted', plain('critical')],
  ['Secure Mode Violation attempt', plain('critical')],
  ['Pre-boot password violation - user password', plain('critical')],
  ['Pre-boot password violation - setup password', plain('critical')],
  ['Pre-boot password violation - network boot password', plain('critical')],
  ['Other pre-boot password violation', plain('critical')],
  ['Out-of-band access password violation', plain('critical')],
  // Redundancy (generic 0Bh).
  ['Fully Redundant', redundancy('ok', 'full')],
  ['Redundancy Lost', redundancy('critical', 'lost')],
  ['Redundancy Degraded', redundancy('warning', 'degraded')],
  ['Redundancy Degraded from Fully Redundant', redundancy('warning', 'degraded')],
  ['Redundancy Degraded from Non-Redundant', redundancy('warning', 'degraded')],
  ['Non-Redundant: Sufficient from Redundant', redundancy('warning', 'degraded')],
  ['Non-Redundant: Sufficient from Insufficient', redundancy('warning', 'degraded')],
  ['Non-Redundant: Insufficient Resources', redundancy('critical', 'failed')],
  ['Non-redundant:Sufficient Resources from Redundant', redundancy('warning', 'degraded')],
  ['Non-redundant:Sufficient Resources from Insufficient Resources', redundancy('warning', 'degraded')],
  // Presence (generic 08h, entity presence 25h, drive slot 0Dh, cables).
  ['Device Present', presence],
  ['Device Absent', absence],
  ['Device Inserted/Device Present', presence],
  ['Device Removed/Device Absent', absence],
  ['Entity Present', presence],
  ['Entity Absent', absence],
  // Dell iDRAC9's presence sensors ("Presence" on 10.1, "TPM Presence", "Dedicated NIC").
  ['Present', presence],
  ['Absent', absence],
  ['Drive Present', presence],
  ['Drive Presence', presence],
  ['Processor Presence detected', presence],
  ['Terminator presence detected', presence],
  ['Connected', presence],
  // A part the BMC reports not there to use: no verdict (FreeIPMI calls it Critical, as it does an absent one).
  ['Entity Disabled', { health: 'unknown', kind: 'presence', freeIpmi: 'critical' }],
  // FreeIPMI's OEM interpretation of a Supermicro's CPU temperature sensor (type C0h; Low, Medium, High, Overheat, Not
  // Installed): an empty socket, Warning to FreeIPMI, no processor there to judge.
  ['Not Installed', { health: 'unknown', kind: 'presence', freeIpmi: 'warning' }],
  // FRU state (2Ch) offset 0 as FreeIPMI names it (ipmitool: "Not Installed", above): a FRU not there, Critical to FreeIPMI.
  ['FRU Not Installed', { health: 'unknown', kind: 'presence', freeIpmi: 'critical' }],
  // Drive slot (0Dh), ipmitool's and FreeIPMI's texts, as FreeIPMI rates them: a drive in a critical array is Critical, a
  // rebuild (the array healing onto this drive) Nominal.
  ['Drive Fault', plain('critical')],
  ['In Failed Array', plain('critical')],
  // An array that lost its redundancy but works: a warning, as a redundancy set's Redundancy Lost is (Critical to FreeIPMI).
  ['In Critical Array', rated('warning', 'critical')],
  ['Rebuild In Progress', plain('ok')],
  ['Rebuild/Remap in progress', plain('ok')],
  ['Rebuild Aborted', plain('critical')],
  ['Rebuild/Remap Aborted', plain('critical')],
  ['Hot Spare', plain('ok')],
  ['Parity Check In Progress', plain('ok')],
  ['Consistency Check / Parity Check in progress', plain('ok')],
  // Generic severities and predictive failure.
  ['Transition to OK', plain('ok')],
  ['Transition to Non-critical from OK', plain('warning')],
  ['Transition to Non-critical from more severe', plain('warning')],
  ['Transition to Critical from less severe', plain('critical')],
  ['Transition to Critical from Non-recoverable', plain('critical')],
  ['Transition to Non-recoverable from less severe', plain('fatal')],
  ['Transition to Non-recoverable', plain('fatal')],
  ['Monitor', plain('warning')],
  ['Informational', plain('ok')],
  ['Predictive Failure Deasserted', plain('ok')],
  ['Predictive Failure Asserted', plain('warning')],
  // Limit (05h) and performance (06h): Critical on every type FreeIPMI rates them (temperature, voltage).
  ['Limit Not Exceeded', plain('ok')],
  ['Limit Exceeded', plain('critical')],
  ['Performance Met', plain('ok')],
  ['Performance Lags', plain('critical')],
  ['Device Enabled', plain('ok')],
  ['Device Disabled', plain('warning')],
  ['Transition to Running', plain('ok')],
  ['Transition to In Test', plain('ok')],
  ['Transition to Power Off', plain('ok')],
  ['Transition to On Line', plain('ok')],
  ['Transition to Off Line', plain('warning')],
  ['Transition to Off Duty', plain('ok')],
  ['Transition to Power Save', plain('ok')],
  ['Transition to Degraded', plain('warning')],
  ['Install Error', plain('critical')],
  // Processor and memory.
  ['IERR', plain('critical')],
  ['Thermal Trip', plain('fatal')],
  ['FRB1/BIST failure', plain('critical')],
  ['FRB2/Hang in POST failure', plain('critical')],
  ['FRB3/Processor startup/init failure', plain('critical')],
  ['Throttled', plain('warning')],
  ['Correctable ECC', plain('warning')],
  ['Correctable ECC logging limit reached', plain('warning')],
  ['Uncorrectable ECC', plain('critical')],
  ['Critical Overtemperature', plain('critical')],
  // Processor (07h) as ipmitool and FreeIPMI name its offsets 4-12, as FreeIPMI interprets them.
  ['FRB3/Processor Startup/Initialization failure', plain('critical')],
  ['SM BIOS Uncorrectable CPU-complex Error', plain('critical')],
  // FreeIPMI's "SM BIOS `Uncorrectable CPU-complex Error'", its closing quote taken as the event's.
  ['SM BIOS `Uncorrectable CPU-complex Error', plain('critical')],
  ['Processor disabled', plain('critical')],
  ['Processor Automatically Throttled', plain('warning')],
  ['Uncorrectable machine check exception', plain('critical')],
  ['Machine Check Exception', plain('critical')],
  ['Correctable machine check error', plain('warning')],
  // Power unit (09h): the host's power, not a supply's; its "Power cycle" is read by the sensor (see meaningOn).
  ['Power off/down', plain('ok')],
  ['Power Off/Power Down', plain('ok')],
  ['240VA power down', plain('warning')],
  ['Interlock power down', plain('warning')],
  ['AC lost', plain('critical')],
  ['AC lost/Power input lost', plain('critical')],
  ['Soft-power control failure', plain('critical')],
  ['Soft Power Control Failure', plain('critical')],
  ['Power Unit Failure detected', plain('critical')],
  // Critical interrupt (13h) and system event (12h) faults.
  ['Bus Timeout', plain('critical')],
  ['I/O Channel check NMI', plain('critical')],
  ['PCI PERR', plain('critical')],
  ['PCI SERR', plain('critical')],
  ['Bus Correctable error', plain('warning')],
  ['Bus Uncorrectable error', plain('critical')],
  ['Fatal NMI', plain('critical')],
  ['Bus Fatal Error', plain('critical')],
  ['Bus Degraded', plain('warning')],
  ['NMI/Diag Interrupt', plain('critical')],
  ['Front Panel NMI/Diagnostic Interrupt', plain('critical')],
  ['Software NMI', plain('warning')],
  ['EISA failsafe timeout', plain('critical')],
  ['EISA Fail Safe Timeout', plain('critical')],
  ['Undetermined system hardware failure', plain('critical')],
  ['System Reconfigured', plain('warning')],
  ['OEM System boot event', plain('ok')],
  ['Entry added to auxiliary log', plain('ok')],
  ['PEF Action', plain('ok')],
  // A clock set (two events, before and after): Warning to FreeIPMI, no fault of the hardware's.
  ['Timestamp Clock Sync', rated('ok', 'warning')],
  ['Timestamp Clock Synch', rated('ok', 'warning')],
  // System firmware progress (0Fh): ipmitool prints its offsets' catch-all texts (data 0xff), FreeIPMI the offsets'.
  ['Unknown Error', plain('critical')],
  ['Unknown Hang', plain('critical')],
  ['Unknown Progress', plain('ok')],
  ['System Firmware Error', plain('critical')],
  ['System Firmware Hang', plain('critical')],
  ['System Firmware Progress', plain('ok')],
  // Event logging disabled (10h).
  ['Correctable memory error logging disabled', plain('critical')],
  ['Event logging disabled', plain('critical')],
  ['Event Type Logging Disabled', plain('critical')],
  ['Log area reset/cleared', plain('ok')],
  ['All event logging disabled', plain('critical')],
  // The BMC's own log is full: later events are lost, no hardware failed (Critical to FreeIPMI).
  ['Log full', rated('warning', 'critical')],
  ['SEL Full', rated('warning', 'critical')],
  ['Log almost full', plain('warning')],
  ['SEL Almost Full', plain('warning')],
  ['Correctable Machine Check Error Logging Disabled', plain('critical')],
  // Button/switch (14h): a button pressed is no fault, a FRU's latch open or service request is a warning.
  ['Power Button pressed', plain('ok')],
  ['Sleep Button pressed', plain('ok')],
  ['Reset Button pressed', plain('ok')],
  ['FRU Latch', plain('warning')],
  ['FRU latch open', plain('warning')],
  ['FRU Service', plain('warning')],
  ['FRU service request button', plain('warning')],
  // Cable/interconnect (1Bh), FreeIPMI's texts (ipmitool's are "Connected" and "Config Error").
  ['Cable/Interconnect is connected', presence],
  ['Configuration Error - Incorrect cable connected', plain('critical')],
  // Boot error (1Eh).
  ['No bootable media', plain('critical')],
  ['Non-bootable disk in drive', plain('critical')],
  ['Non-bootable diskette left in drive', plain('critical')],
  ['PXE server not found', plain('critical')],
  ['Invalid boot sector', plain('critical')],
  ['Timeout waiting for selection', plain('warning')],
  ['Timeout waiting for user selection of boot source', plain('warning')],
  // Slot/connector (21h), ipmitool's and FreeIPMI's texts.
  ['Fault Status', plain('critical')],
  ['Fault Status asserted', plain('critical')],
  // The slot's locate light, lit by someone looking for it: Warning to FreeIPMI, no fault.
  ['Identify Status', rated('ok', 'warning')],
  ['Identify Status asserted', rated('ok', 'warning')],
  ['Device Installed', plain('ok')],
  ['Slot/Connector Device installed/attached', plain('ok')],
  ['Ready for Device Installation', plain('ok')],
  ['Slot/Connector Ready for Device Installation', plain('ok')],
  ['Ready for Device Removal', plain('ok')],
  ['Slot/Connector Ready for Device Removal', plain('ok')],
  ['Slot Power is Off', plain('ok')],
  ['Device Removal Request', plain('warning')],
  ['Slot/Connector Device Removal Request', plain('warning')],
  ['Interlock', plain('warning')],
  ['Interlock asserted', plain('warning')],
  // Dell's "NIC1-1 Link Down" / "LOM P1 Link Down" assert it for a port without a cable (ipmi_exporter#108,
  // canonical/hardware-observer-operator#107, where it was called a false alert): a disabled slot is no fault to
  // judge (Warning to FreeIPMI).
  ['Slot is Disabled', { health: 'unknown', freeIpmi: 'warning' }],
  ['Spare Device', plain('ok')],
  ['Slot holds spare device', plain('ok')],
  // Watchdog 2 (23h); its "Power cycle" is read by the sensor (see meaningOn).
  ['Timer expired', plain('warning')],
  ['Timer expired, status only', plain('warning')],
  ['Hard reset', plain('critical')],
  ['Power down', plain('critical')],
  ['Timer interrupt', plain('warning')],
  // Management subsystem health (28h): the BMC's own faults, every offset Critical to FreeIPMI.
  ['Sensor access degraded or unavailable', plain('critical')],
  ['Controller access degraded or unavailable', plain('critical')],
  ['Management controller off-line', plain('critical')],
  ['Management controller unavailable', plain('critical')],
  ['Sensor failure', plain('critical')],
  ['FRU failure', plain('critical')],
  // Session audit (2Ah), FreeIPMI's texts (ipmitool's table has none).
  ['Session Activated', plain('ok')],
  ['Session Deactivated', plain('ok')],
  ['Invalid Username or Password', plain('warning')],
  ['Invalid Password Disable', plain('critical')],
  // FRU state (2Ch); offset 0, not installed, is an absent part (above).
  // A FRU in standby or held as a hot spare (FreeIPMI: 'FRU Inactive (in standby or "hot spare" state)'), as a
  // supply's "Power Supply Inactive" and a drive's "Hot Spare" are: no fault (Critical to FreeIPMI).
  ['Inactive', rated('ok', 'critical')],
  ['FRU Inactive', rated('ok', 'critical')],
  ['Activation Requested', plain('warning')],
  ['FRU Activation Requested', plain('warning')],
  ['Activation in Progress', plain('warning')],
  ['FRU Activation In Progress', plain('warning')],
  ['Active', plain('ok')],
  ['FRU Active', plain('ok')],
  ['Deactivation Requested', plain('warning')],
  ['FRU Deactivation Requested', plain('warning')],
  ['Deactivation in Progress', plain('warning')],
  ['FRU Deactivation In Progress', plain('warning')],
  ['Communication lost', plain('critical')],
  ['FRU Communication Lost', plain('critical')],
  // Battery (29h): FreeIPMI's texts (ipmitool's "Low" and "Failed" are read by the name, see meaningOn).
  ['battery failed', plain('critical')],
  ['battery low', plain('warning')],
  ['battery low (predictive failure)', plain('warning')],
  ['battery presence detected', presence],
  // OS boot (1Fh) and ACPI power state (22h): where the host is, no fault.
  ['A: boot completed', plain('ok')],
  ['C: boot completed', plain('ok')],
  ['PXE boot completed', plain('ok')],
  ['Diagnostic boot completed', plain('ok')],
  ['CD-ROM boot completed', plain('ok')],
  ['ROM boot completed', plain('ok')],
  ['boot completed - device not specified', plain('ok')],
  ['boot completed - boot device not specified', plain('ok')],
  ['S0/G0: working', plain('ok')],
  ['S1: sleeping with system hw & processor context maintained', plain('ok')],
  ['S2: sleeping, processor context lost', plain('ok')],
  ['S3: sleeping, processor & hw context lost, memory retained', plain('ok')],
  ['S4: non-volatile sleep/suspend-to-disk', plain('ok')],
  ['S5/G2: soft-off', plain('ok')],
  ['S4/S5: soft-off', plain('ok')],
  ['G3: mechanical off', plain('ok')],
  ['Sleeping in S1/S2/S3 state', plain('ok')],
  ['G1: sleeping', plain('ok')],
  ['S5: entered by override', plain('ok')],
  // FreeIPMI's short texts of the same offsets.
  ['S0/G0', plain('ok')],
  ['S1', plain('ok')],
  ['S2', plain('ok')],
  ['S3', plain('ok')],
  ['S4', plain('ok')],
  ['S5/G2', plain('ok')],
  ['S4/S5 soft-off', plain('ok')],
  ['G3/Mechanical Off', plain('ok')],
  ['Sleeping in an S1, S2, or S3 states', plain('ok')],
  ['G1 sleeping', plain('ok')],
  ['S5 entered by override', plain('ok')],
  ['Legacy ON state', plain('ok')],
  ['Legacy OFF state', plain('ok')],
  // Memory (0Ch) as FreeIPMI interprets it: a device the BMC disabled is mapped out, not fine.
  ['Correctable memory error', plain('warning')],
  ['Uncorrectable memory error', plain('critical')],
  ['Correctable memory error logging limit reached', plain('warning')],
  ['Parity', plain('critical')],
  ['Memory Scrub Failed', plain('critical')],
  ['Memory Device Disabled', plain('critical')],
  ['Memory Automatically Throttled', plain('warning')],
  ['Spare', plain('ok')],
];

/** Lower case, single spaces, no space after ':'. */
export function normaliseState(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, ' ').replace(/: /g, ':');
}

/** Normalised text → meaning; the table lists each normalised text once (a test checks). */
const TABLE = new Map(MEANINGS.map(([text, meaning]) => [normaliseState(text), meaning]));

/** The state texts the table knows, as listed. */
export function knownStates(): string[] {
  return MEANINGS.map(([text]) => text);
}

/** What a state text means; undefined for texts this table does not know (OEM states). */
export function stateMeaning(text: string): StateMeaning | undefined {
  const key = normaliseState(text);
  return TABLE.get(key) ?? TABLE.get(key.replace(/ \(.*\)$/, '')) ?? ambiguousMeaning(key);
}

/**
 * A sensor reporting one fault: "PSU 1 Failure", "PS1 Fault", "PSU2 AC Lost", Dell's "MEM CPU2 FAIL", FreeIPMI's
 * "PSU 1 I2C DC fai" (names cut at 16 characters). Nothing asserted there is no fault; "State Asserted" is the fault.
 */
export const FAULT_NAME = /(?<!de)fault|fail(?![ _-]?(?:over|safe|back))|(?<![a-z])(?:fai|lost)(?![a-z])|mismatch/i;
/** A sensor reporting that something is well (Cisco's "PSU1_AC_OK", "PSU1_PWRGD"); not Dell's "VCORE PG", deasserted when well. */
const WELL_NAME = /(?:^|[ _-])(?:ok|good|pwr_?gd|pgood)$/i;
/** A processor's sensor by name: "CPU1 Status", OpenBMC's "cpu0_core1", "Proc 2". */
const PROCESSOR_NAME = /(?:^|[^a-z])(?:cpu|proc(?:essor)?|core)(?![a-z])/i;
/**
 * A battery's sensor by name: "CMOS Battery", "ROMB Battery", "RTC Batt", "CMOS BATT"; "BAT" and "VBAT" as a word or
 * after a separator ("RTC BAT", "P1-BAT", "BAT_CMOS"), not inside one ("BATCH", "COMBAT").
 */
const BATTERY_NAME = /batt|(?:^|[^a-z])(?:v?bat|cmos)(?![a-z])/i;
/** A well name negated ("PS_Not_OK", "Not OK", "NOK", "No_Good"): a fault, checked before `WELL_NAME`, which it also matches. */
const NOT_WELL_NAME = /(?:^|[ _-])(?:not?|n)[ _-]?(?:ok|good|pwr_?gd|pgood)$/i;

/** A power unit's sensor by name where no type is printed ("Pwr Unit Status", "Host Power"); not a watchdog's. */
const POWER_UNIT_NAME = /pwr|power/i;
const WATCHDOG_NAME = /watchdog|wdt/i;
/** The processor type's offset 8 as FreeIPMI names it (ipmitool: "Disabled", on a processor's name). */
const PROCESSOR_DISABLED = 'processor disabled';
/** The processor type's offset 7, as ipmitool and FreeIPMI name it. */
const PROCESSOR_PRESENT = new Set(['presence detected', 'processor presence detected']);
/** A processor (or core) slot the BMC reports disabled and not present: no part there, no verdict. */
const NOT_THERE: StateMeaning = { health: 'unknown', kind: 'presence', freeIpmi: 'critical' };

/** What the sensor asserting a state is, beyond its name: its other states, the type FreeIPMI prints. */
export interface SensorContext {
  readonly states?: readonly string[];
  readonly sensorType?: string | undefined;
}

/**
 * What a state means on the sensor that asserts it. The generic digital
 * states "State Asserted" / "State Deasserted" (event/reading type 03h) point
 * whichever way the vendor chose, so only a name that says which tells
 * (FreeIPMI's interpretation file calls every "State Asserted" Warning and
 * says itself that the meaning is the vendor's): asserted on "…_AC_OK" is
 * well, deasserted there is a fault; asserted on "… FAIL" is the fault.
 * Elsewhere they stay unknown texts.
 */
export function meaningOn(name: string, state: string, sensor: SensorContext = {}): StateMeaning | undefined {
  const key = normaliseState(state);
  // ipmitool names a processor's offset 8 (Processor disabled) just "Disabled", as it does Entity Presence's offset 2.
  if (key === PROCESSOR_DISABLED || (key === 'disabled' && PROCESSOR_NAME.test(name))) return processorDisabled(name, sensor);
  const known = stateMeaning(state);
  if (known) return known;
  // A battery's offsets 0 and 1 are just "Low" and "Failed" (FreeIPMI's OEM interpretation of a Supermicro's CPU
  // temperature reads "Low" too); "Power cycle" is a power unit's offset 1 (Nominal to FreeIPMI) and a watchdog's (23h)
  // offset 3 (Critical) alike.
  if (key === 'low') return BATTERY_NAME.test(name) ? { health: 'warning', reason: `${name.trim()} low` } : undefined;
  if (key === 'failed') return BATTERY_NAME.test(name) ? { health: 'critical', reason: `${name.trim()} failed` } : undefined;
  if (key === 'power cycle') return powerCycle(name, sensor.sensorType);
  const asserted = key === 'state asserted' ? true : key === 'state deasserted' ? false : undefined;
  if (asserted === undefined) return undefined;
  const trimmed = name.trim();
  const well = WELL_NAME.test(trimmed);
  const fault = NOT_WELL_NAME.test(trimmed) || (!well && FAULT_NAME.test(trimmed));
  if (!fault && !well) return undefined;
  const health = fault === asserted ? 'critical' : 'ok';
  // The operator learns which sensor said so, not just "State Asserted".
  return health === 'ok' ? plain(health) : { health, reason: `${trimmed} ${asserted ? 'asserted' : 'deasserted'}` };
}

/**
 * A processor's offset 8 is a fault only beside offset 7 (present): OpenBMC
 * sets offset 8 alone for a core slot with no functional core (Present and
 * Functional both 0; openbmc-test-automation tests/ipmi/test_sdr.robot,
 * "Verify SRD Info"), and a POWER9's inventory lists more slots than cores.
 */
function processorDisabled(name: string, sensor: SensorContext): StateMeaning {
  const present = sensor.states?.some((other) => PROCESSOR_PRESENT.has(normaliseState(other))) ?? false;
  return present ? { health: 'critical', reason: `${name.trim()} disabled` } : NOT_THERE;
}

/** A power unit's power cycle is the host's, no fault; a watchdog's is the reset it forced (FreeIPMI: Critical). */
function powerCycle(name: string, sensorType: string | undefined): StateMeaning | undefined {
  const type = sensorType?.toLowerCase();
  const watchdog = type === undefined ? WATCHDOG_NAME.test(name) : type === 'watchdog 2';
  if (watchdog) return { health: 'critical', reason: `${name.trim()} power cycle` };
  const powerUnit = type === undefined ? POWER_UNIT_NAME.test(name) : type === 'power unit';
  return powerUnit ? plain('ok') : undefined;
}

/** The remark of a state ipmitool before 1.8.12 printed as one of two offsets. */
const CANNOT_TELL = ' (ipmitool before 1.8.12 cannot tell)';

/**
 * One of two states, which ipmitool before 1.8.12 prints alike ("nc":
 * offset 0 or 3): "Presence detected or Power Supply AC lost (ipmitool
 * before 1.8.12 cannot tell)". Its meaning is the worse of the two, as a
 * warning where the other is ok: the status proves no fault, nor rules one
 * out.
 */
export function ambiguousState(lower: string, upper: string): string {
  return `${lower} or ${upper}${CANNOT_TELL}`;
}

const CANNOT_TELL_KEY = ` ${normaliseState(CANNOT_TELL)}`;
/** A redundancy set's status from a health its sensor states: "Redundancy Lost" is Critical, "Redundancy Degraded" Warning. */
export const REDUNDANCY_BY_HEALTH: Partial<Record<Health, RedundancyStatus>> = { ok: 'full', warning: 'degraded', critical: 'lost', fatal: 'failed' };
/** A device's status (a supply's, a fan's) from a health its sensor states. */
export const STATUS_BY_HEALTH: Partial<Record<Health, DeviceStatus>> = { ok: 'ok', warning: 'degraded', critical: 'failed', fatal: 'failed' };

function ambiguousMeaning(key: string): StateMeaning | undefined {
  if (!key.endsWith(CANNOT_TELL_KEY)) return undefined;
  const pair = key.slice(0, -CANNOT_TELL_KEY.length);
  for (let at = pair.indexOf(' or '); at >= 0; at = pair.indexOf(' or ', at + 1)) {
    const [a, b] = [TABLE.get(pair.slice(0, at)), TABLE.get(pair.slice(at + 4))];
    if (a && b) return eitherMeaning(a, b);
  }
  return undefined;
}

function eitherMeaning(a: StateMeaning, b: StateMeaning): StateMeaning {
  const worst = worse(a.health, b.health);
  const health = (a.health === 'ok' || b.health === 'ok') && severity(worst) > severity('warning') ? 'warning' : worst;
  const meaning: StateMeaning = { health };
  if (a.kind !== undefined && a.kind === b.kind) meaning.kind = a.kind;
  const supply = (a.supply ?? b.supply) && STATUS_BY_HEALTH[health];
  if (supply) meaning.supply = supply;
  const redundancy = (a.redundancy ?? b.redundancy) && REDUNDANCY_BY_HEALTH[health];
  if (redundancy) meaning.redundancy = redundancy;
  return meaning;
}

/** The state FreeIPMI's column gives a known state text, as its default interpretation file does; undefined for others. */
export function freeIpmiVerdict(text: string): Health | undefined {
  const meaning = stateMeaning(text);
  return meaning && (meaning.freeIpmi ?? meaning.health);
}

/** Every state text of a kind, shared ones too, for `DiscreteSensor.possibleStates`. */
export function statesOfKind(kind: DiscreteSensorKind): string[] {
  return MEANINGS.filter(([, meaning]) => (meaning.kind ?? meaning.of) === kind).map(([text]) => text);
}

/** Whether a state is a supply's: one only supplies assert, or a supply's offset other types share. */
export function isSupplyState(text: string): boolean {
  const meaning = stateMeaning(text);
  return (meaning?.kind ?? meaning?.of) === 'powerSupplyStatus';
}

/** The most pieces one known state text spans: "S3: sleeping, processor & hw context lost, memory retained". */
const MOST_PIECES = 3;

/**
 * ipmitool joins asserted states with ", ", and some state texts hold ", "
 * themselves ("AC out-of-range, but present", ACPI's S3 twice): split, then
 * re-join the longest run of pieces whose join is a known state.
 */
export function splitStates(text: string): string[] {
  const pieces = text.split(', ').map((piece) => piece.trim());
  const states: string[] = [];
  for (let i = 0; i < pieces.length; ) {
    const span = knownSpan(pieces, i);
    const state = pieces.slice(i, i + span).join(', ');
    if (state !== '') states.push(state);
    i += span;
  }
  return states;
}

/** How many pieces from `at` make one known state (1 where no longer run does). */
function knownSpan(pieces: readonly string[], at: number): number {
  for (let span = Math.min(MOST_PIECES, pieces.length - at); span > 1; span--) {
    if (stateMeaning(pieces.slice(at, at + span).join(', '))) return span;
  }
  return 1;
}

const SEVERITY: Record<Health, number> = { ok: 0, unknown: 1, warning: 2, critical: 3, fatal: 4 };

/** The worse of two health values (unknown ranks above ok, below warning). */
export function worse(a: Health, b: Health): Health {
  return SEVERITY[b] > SEVERITY[a] ? b : a;
}

/** The severity rank of a health value, for ordering. */
export function severity(health: Health): number {
  return SEVERITY[health];
}

/**
 * Offsets of the states ipmitool's threshold table and FreeIPMI's event
 * bitmask print as bits (IPMI 2.0 table 42-3, 42-2), by sensor type and for
 * redundancy sensors.
 */
const OFFSETS = {
  // Sensor type 08h Power Supply.
  powerSupply: [
    'Presence detected', 'Failure detected', 'Predictive failure', 'Power Supply AC lost', 'AC lost or out-of-range',
    'AC out-of-range, but present', 'Config Error',
  ],
  // Generic event type 0Bh, redundancy.
  redundancy: [
    'Fully Redundant', 'Redundancy Lost', 'Redundancy Degraded', 'Non-redundant:Sufficient Resources from Redundant',
    'Non-redundant:Sufficient Resources from Insufficient Resources', 'Non-Redundant: Insufficient Resources',
    'Redundancy Degraded from Fully Redundant', 'Redundancy Degraded from Non-Redundant',
  ],
  // Sensor type 05h Physical Security.
  physicalSecurity: [
    'General Chassis intrusion', 'Drive Bay intrusion', 'I/O Card area intrusion', 'Processor area intrusion',
    'System unplugged from LAN', 'Unauthorized dock', 'FAN area intrusion',
  ],
  // Sensor type 0Ch Memory.
  memory: [
    'Correctable memory error', 'Uncorrectable memory error', 'Parity', 'Memory Scrub Failed', 'Memory Device Disabled',
    'Correctable memory error logging limit reached', 'Presence detected', 'Configuration error', 'Spare',
    'Memory Automatically Throttled', 'Critical Overtemperature',
  ],
  // Sensor type 0Dh Drive Slot.
  driveSlot: [
    'Drive Presence', 'Drive Fault', 'Predictive failure', 'Hot Spare', 'Parity Check In Progress', 'In Critical Array',
    'In Failed Array', 'Rebuild In Progress', 'Rebuild Aborted',
  ],
  // Sensor type 25h Entity Presence.
  entityPresence: ['Entity Present', 'Entity Absent', 'Entity Disabled'],
  // Generic event type 08h, device presence (the opposite offsets of Entity Presence).
  devicePresence: ['Device Absent', 'Device Present'],
  // Generic event type 09h, enable (HP's "Power Meter").
  enable: ['Device Disabled', 'Device Enabled'],
  // Generic event type 0Ah, availability (HP's fan blocks).
  availability: [
    'Transition to Running', 'Transition to In Test', 'Transition to Power Off', 'Transition to On Line',
    'Transition to Off Line', 'Transition to Off Duty', 'Transition to Degraded', 'Transition to Power Save', 'Install Error',
  ],
} as const satisfies Readonly<Record<string, readonly string[]>>;

export type OffsetTable = keyof typeof OFFSETS;

/** Offset tables of the sensor types FreeIPMI prints ("Drive Slot"), lower case. */
const OFFSETS_BY_TYPE: Readonly<Record<string, OffsetTable>> = {
  'power supply': 'powerSupply',
  'physical security': 'physicalSecurity',
  memory: 'memory',
  'drive slot': 'driveSlot',
  'entity presence': 'entityPresence',
};

/** The offset table of a sensor type, where its states are standard. */
export function offsetTableOfType(sensorType: string | undefined): OffsetTable | undefined {
  return OFFSETS_BY_TYPE[sensorType?.toLowerCase() ?? ''];
}

/** The state texts of the asserted offsets (bit n = offset n). */
export function statesFromBits(table: OffsetTable, bits: number): string[] {
  const offsets: readonly string[] = OFFSETS[table];
  return offsets.filter((_, offset) => (bits & (1 << offset)) !== 0);
}
