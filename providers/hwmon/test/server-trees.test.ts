/**
 * Server and BMC hwmon trees (IBM POWER BMCs), rebuilt as
 * small sysfs trees from the captures and driver sources each test names,
 * and read through the whole provider and the model.
 */
import t from 'tap';
import type { HardwareSnapshot } from '../../../src/model/snapshot.js';
import { modelOverTime, modelVerdicts, sampleTree, sensorById, verdictsIn } from './helpers.js';

/** Where an IBM POWER9 BMC's OCC hwmon device sits (its FSI path to the host's SBE). */
const OCC_DEVICE = {
  device: 'platform/gpio-fsi/fsi0/slave@00:00/00:00:00:0a/fsi1/slave@01:00/01:01:00:06/sbefifo1-dev0/occ-hwmon.1',
  subsystem: 'bus/platform',
};

t.test("the BMC's OCC serves frequencies in MHz, not the ABI's Hz", async (t) => {
  // torvalds/linux Documentation/hwmon/occ.rst: "freq[1-n]_input Measured frequency of the component in MHz";
  // drivers/hwmon/occ/common.c prints the OCC's 16-bit value as it is (occ_show_freq_1, _2); p9_sbe.c names the chip
  // p9_occ, p8_i2c.c p8_occ. Its temperatures are °C × 1000 and its powers W × 10^6 (µW), as the ABI's.
  const snapshot = await sampleTree(t, [
    {
      ...OCC_DEVICE,
      files: {
        name: 'p9_occ', temp1_label: 20, temp1_input: 45000, temp1_fru_type: 0, temp1_fault: 0,
        freq1_label: 30, freq1_input: 2800, power1_label: '0_15_1', power1_input: 426000000, power1_average: 420000000,
      },
    },
    { device: 'platform/ahb/ahb:apb/1e78a000.i2c/i2c-3/3-0050', subsystem: 'bus/i2c', files: { name: 'p8_occ', freq1_label: 30, freq1_input: 3325 } },
    // Named occ on current kernels (Linux 5.19: "hwmon: (occ) Delay hwmon registration until user request").
    { device: 'platform/ahb/ahb:apb/1e78a000.i2c/i2c-4/4-0050', subsystem: 'bus/i2c', files: { name: 'occ', freq1_label: 30, freq1_input: 3100 } },
  ]);
  t.match(sensorById(snapshot, 'hwmon:p9_occ-isa-0000/freq1'), { kind: 'frequency', unit: 'hertz', value: 2_800_000_000, decimals: 0 });
  t.same(modelVerdicts(snapshot, 'hwmon:p9_occ-isa-0000/freq1'), { sensor: 'ok' });
  t.match(sensorById(snapshot, 'hwmon:p8_occ-i2c-3-50/freq1'), { value: 3_325_000_000 });
  t.match(sensorById(snapshot, 'hwmon:occ-i2c-4-50/freq1'), { value: 3_100_000_000 });
  t.match(sensorById(snapshot, 'hwmon:p9_occ-isa-0000/temp1'), { value: 45, decimals: 3 });
  t.match(sensorById(snapshot, 'hwmon:p9_occ-isa-0000/power1'), { value: 426, decimals: 6 });
});

t.test("a POWER BMC's two OCCs share lm-sensors' name, and are told apart in hwmonN order", async (t) => {
  // libsensors lib/sysfs.c reads a platform device's instance with "%*[a-z0-9_].%d": `occ-hwmon.1` (p9_sbe.c's
  // driver name, one per processor under its FSI SBE FIFO) has a hyphen, so both OCCs are p9_occ-isa-0000 there.
  const fsi = 'platform/gpio-fsi/fsi0/slave@00:00/00:00:00:0a/fsi1/slave@01:00/01:01:00:06';
  const snapshot = await sampleTree(t, [
    { device: `${fsi}/sbefifo1-dev0/occ-hwmon.1`, subsystem: 'bus/platform', files: { name: 'p9_occ', temp1_label: 20, temp1_input: 45000 } },
    { device: `${fsi}/sbefifo2-dev0/occ-hwmon.2`, subsystem: 'bus/platform', files: { name: 'p9_occ', temp1_label: 20, temp1_input: 46000 } },
  ]);
  t.same(
    snapshot.sensors!.map((s) => [s.id, s.value]),
    [
      ['hwmon:p9_occ-isa-0000/temp1', 45],
      ['hwmon:p9_occ-isa-0000.2/temp1', 46],
    ],
  );
});

t.test("the OCC's VRM temperatures are alarms alone: discrete sensors", async (t) => {
  // torvalds/linux Documentation/hwmon/occ.rst: with FRU type 3 (VRM) the OCC serves temp<N>_alarm in place of
  // temp<N>_input ("VRM doesn't return temperature, only alarm bit", occ/common.c).
  const snapshot = await sampleTree(t, [
    {
      ...OCC_DEVICE,
      files: {
        name: 'p9_occ', temp1_label: 21, temp1_alarm: 1, temp1_fru_type: 3, temp1_fault: 0,
        temp2_label: 23, temp2_alarm: 0, temp2_fru_type: 3, temp2_fault: 0,
      },
    },
  ]);
  t.same(snapshot.sensors, []);
  t.same(
    snapshot.discreteSensors!.map((s) => [s.id, s.state, s.health]),
    [
      ['hwmon:p9_occ-isa-0000/temp1', 'ALARM', 'warning'],
      ['hwmon:p9_occ-isa-0000/temp2', 'Normal', 'ok'],
    ],
  );
});

const fanOf = (snapshot: HardwareSnapshot, id: string) => snapshot.fans?.find((f) => f.id === id);

t.test("a BMC fan controller's mode that switches the fan off: max31790's pwm_enable 0, max6650's 3", async (t) => {
  // torvalds/linux Documentation/hwmon/max31790.rst: "pwm[1-6]_enable RW regulator mode, 0=disabled (duty
  // cycle=0%), 1=manual mode, 2=rpm mode", since commit 148c847c9e5a "hwmon: (max31790) Fix pwmX_enable attributes"
  // (Linux 5.14: "0: Fan control disabled. Duty cycle is fixed to 0%"); max6650.rst: "pwm1_enable rw regulator mode,
  // 0=full on, 1=open loop, 2=closed loop 3=off". Where the ABI's 0 is full speed, a fan so switched off read 0 RPM
  // as a fan that stopped. The MAX31790 drives six fans of OpenBMC servers (its fanN_enable added for dbus-sensors).
  const snapshot = await sampleTree(t, [
    {
      device: 'platform/ahb/ahb:apb/1e78a000.i2c/i2c-7/7-0020',
      subsystem: 'bus/i2c',
      files: {
        name: 'max31790', fan1_input: 0, fan1_enable: 1, fan1_fault: 0, fan1_target: 7864320, pwm1: 0, pwm1_enable: 0,
        fan2_input: 0, fan2_enable: 1, fan2_fault: 0, fan2_target: 7864320, pwm2: 128, pwm2_enable: 1,
        fan3_input: 8400, fan3_enable: 1, fan3_fault: 0, pwm3: 153, pwm3_enable: 1,
        fan4_input: 0, fan4_enable: 1, fan4_fault: 0, pwm4: 128, pwm4_enable: 0,
      },
    },
    { device: 'platform/ahb/ahb:apb/1e78a000.i2c/i2c-8/8-001b', subsystem: 'bus/i2c', files: { name: 'max6650', fan1_input: 0, fan1_target: 4000, pwm1: 120, pwm1_enable: 3 } },
    // Before Linux 5.14 (no fan<N>_enable yet) max31790's pwm_enable 0 was neither RPM mode nor tachometer input
    // enabled (max31790_read_pwm: MAX31790_FAN_CFG_RPM_MODE → 2, MAX31790_FAN_CFG_TACH_INPUT_EN → 1, else 0): the fan
    // runs at its duty cycle, unmeasured. Only a duty cycle of 0 says it is off.
    {
      device: 'platform/ahb/ahb:apb/1e78a000.i2c/i2c-9/9-0020',
      subsystem: 'bus/i2c',
      files: { name: 'max31790', fan1_input: 0, fan1_fault: 0, pwm1: 128, pwm1_enable: 0, fan2_input: 0, fan2_fault: 0, pwm2: 0, pwm2_enable: 0 },
    },
  ]);
  t.match(fanOf(snapshot, 'hwmon:max31790-i2c-7-20/fan1'), { status: 'ok', idleAllowed: true }, 'control disabled: driven at 0 %');
  t.match(fanOf(snapshot, 'hwmon:max31790-i2c-7-20/fan2'), { status: 'unknown', idleAllowed: false }, 'driven at 50 %, not turning');
  t.match(fanOf(snapshot, 'hwmon:max31790-i2c-7-20/fan3'), { status: 'ok', idleAllowed: false });
  t.match(fanOf(snapshot, 'hwmon:max31790-i2c-7-20/fan4'), { status: 'ok', idleAllowed: true }, 'control disabled (>= 5.14: fan4_enable), whatever pwm4 last held');
  t.match(fanOf(snapshot, 'hwmon:max6650-i2c-8-1b/fan1'), { status: 'ok', idleAllowed: true }, 'max6650 switched off');
  t.match(fanOf(snapshot, 'hwmon:max31790-i2c-9-20/fan1'), { status: 'unknown', idleAllowed: false }, 'before 5.14: driven at 50 %, its speed unmeasured');
  t.match(fanOf(snapshot, 'hwmon:max31790-i2c-9-20/fan2'), { status: 'ok', idleAllowed: true }, 'before 5.14: driven at 0 %');
});

t.test("a DDR5 DIMM's SPD hub at its power-on limits: the 55 °C high limit is no limit, 85 °C critical stays", async (t) => {
  // spd5118 on DDR5 modules whose limits no firmware set: Meliox/PVE-mods#107 (`sensors -j`, spd5118-i2c-0-50: temp1_input
  // 40.0, temp1_max 55.0, temp1_min 0.0, temp1_crit 85.0, temp1_lcrit 0.0, alarms 0); Paul Menzel on linux-hwmon (June
  // 2024, "it stays with the defaults"): "spd5118-i2c-0-53 temp1: +20.8°C (low = +0.0°C, high = +55.0°C) (crit low =
  // +0.0°C, crit = +85.0°C)", the same on every module of the public `sensors` outputs found. 55 °C is the hub's reset
  // high limit, not the part's: a DDR5 module runs to 85 °C at normal refresh, which the reset critical limit matches.
  // A loaded module at 58 °C read Upper Non-Critical, and its hub's max alarm with it.
  const dimm = (address: string, files: Record<string, number>) => ({
    device: `pci0000:00/0000:00:1f.4/i2c-0/0-00${address}`,
    subsystem: 'bus/i2c',
    files: { name: 'spd5118', temp1_min_alarm: 0, temp1_crit_alarm: 0, temp1_lcrit_alarm: 0, temp1_enable: 1, ...files },
  });
  const snapshot = await sampleTree(t, [
    dimm('50', { temp1_input: 58250, temp1_max: 55000, temp1_min: 0, temp1_crit: 85000, temp1_lcrit: 0, temp1_max_alarm: 1 }),
    dimm('51', { temp1_input: 58250, temp1_max: 50000, temp1_min: 0, temp1_crit: 85000, temp1_lcrit: 0, temp1_max_alarm: 1 }),
  ]);
  const reset = sensorById(snapshot, 'hwmon:spd5118-i2c-0-50/temp1');
  t.same(reset.thresholds, { lowerNonCritical: 0, lowerCritical: 0, upperCritical: 85 });
  t.same(modelVerdicts(snapshot, reset.id), { sensor: 'ok' }, 'its max alarm answers the reset value');
  t.same(sensorById(snapshot, 'hwmon:spd5118-i2c-0-51/temp1').thresholds, { lowerNonCritical: 0, upperNonCritical: 50, lowerCritical: 0, upperCritical: 85 }, 'a high limit someone set stays');
  t.match(modelVerdicts(snapshot, 'hwmon:spd5118-i2c-0-51/temp1'), { sensor: /^warning/ });
});

t.test("a MAX31785 fan controller in RPM mode: pwm<N> reads 0, no duty cycle, and its fans were free to stop", async (t) => {
  // An IBM POWER BMC's MAX31785A (Witherspoon: i2c-3/3-0052, openbmc/openbmc#2111; hwmon name max31785a,
  // openbmc/openbmc-test-automation's fan tests) drives its fans to fan<N>_target in RPM mode, pwm<N>_enable 2
  // (openbmc/openbmc#1584: "2=rpm"). The PMBus core then serves pwm<N> as 0: max31785_get_pwm() asks
  // pmbus_get_fan_rate_device() for a duty cycle, which answers 0 outside PWM mode ("Can't sensibly map between RPM and
  // PWM, just return zero"). Modelled on those drivers, not a capture: it read as a duty cycle of 0 % beside a fan at
  // 9000 RPM, and made every fan one stopped on purpose, so a fan that stood still read OK.
  const controller = (fan1: number) => ({
    device: 'platform/ahb/ahb:apb/ahb:apb:i2c@1e78a000/1e78a100.i2c-bus/i2c-3/3-0052',
    subsystem: 'bus/i2c',
    files: { name: 'max31785a', fan1_input: fan1, fan1_target: 10500, fan1_fault: 0, fan1_alarm: 0, pwm1: 0, pwm1_enable: 2 },
  });
  const turning = await sampleTree(t, [controller(9000)]);
  t.match(sensorById(turning, 'hwmon:max31785a-i2c-3-52/pwm1'), { value: null, unavailable: 'disabled' }, 'no duty cycle to read in RPM mode');
  t.match(turning.fans?.[0], { desiredSpeed: 10500, idleAllowed: false });
  const model = modelOverTime();
  model(turning);
  const stood = model(await sampleTree(t, [controller(0)]));
  t.same(verdictsIn(stood, 'hwmon:max31785a-i2c-3-52/fan1'), { sensor: 'ok', fan: 'critical: stopped' });
  const manual = await sampleTree(t, [{ ...controller(4200), files: { ...controller(4200).files, pwm1: 102, pwm1_enable: 1 } }]);
  t.match(sensorById(manual, 'hwmon:max31785a-i2c-3-52/pwm1'), { value: 40 }, 'in PWM mode, its duty cycle');
});
