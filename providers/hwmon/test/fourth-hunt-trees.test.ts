/**
 * Trees from a fourth hunt of real machines' hwmon output and drivers' sources, rebuilt as small sysfs trees
 * (values as the captures show them) and read through the whole provider. Each test names its source.
 */
import t from 'tap';
import { modelOverTime, modelVerdicts, sampleTree, sensorById, verdictsIn } from './helpers.js';

t.test("a Super I/O chip's open thermal input at the ends of its 8-bit register is no reading", async (t) => {
  // `sensors` on an MSI B350 TOMAHAWK (Ubuntu forums, "Post by P-I H on 2017-12-23"): nct6793-isa-0a20,
  // "AUXTIN1: -128.0°C sensor = thermistor" beside "AUXTIN2: +23.0°C sensor = thermistor", no limits on either.
  // An it8728 after a resume (Ubuntu forums, "it87 Sensors Not Working Properly After Suspend", 2015-11-26):
  // "temp3: -128.0°C (low = +127.0°C, high = +127.0°C) sensor = Intel PECI", 27 °C before the suspend.
  // The chips' temperature registers are signed bytes: -128 (0x80) is what an input with nothing behind it reads. The
  // top, 127 (0x7F), has no capture; LibreHardwareMonitor's IT87XX.cs takes a temperature as one only below
  // sbyte.MaxValue (127), and Nct677X.cs drops anything above 125 °C or below -55 °C: absent while the channel never
  // read (a fresh provider here), failed after readings (provider.test.ts).
  const snapshot = await sampleTree(t, [
    {
      device: 'platform/nct6775.2592',
      subsystem: 'bus/platform',
      files: {
        name: 'nct6793',
        temp1_label: 'SYSTIN', temp1_input: 36000, temp1_type: 3, temp1_max: 127000, temp1_max_hyst: 0,
        temp4_label: 'AUXTIN1', temp4_input: -128000, temp4_type: 4,
        temp5_label: 'AUXTIN2', temp5_input: 23000, temp5_type: 4,
      },
    },
    {
      device: 'platform/it87.552',
      subsystem: 'bus/platform',
      files: {
        name: 'it8728',
        temp1_input: 29000, temp1_min: 127000, temp1_max: 127000, temp1_type: 4,
        temp2_input: 127000, temp2_min: 127000, temp2_max: 127000, temp2_type: 3, temp2_alarm: 1,
        temp3_input: -128000, temp3_min: 127000, temp3_max: 127000, temp3_type: 6, temp3_alarm: 1,
      },
    },
  ]);
  t.match(sensorById(snapshot, 'hwmon:nct6793-isa-0a20/temp4'), { label: 'AUXTIN1', value: null, unavailable: 'absent' });
  t.same(modelVerdicts(snapshot, 'hwmon:nct6793-isa-0a20/temp4'), { sensor: 'not served' });
  t.match(sensorById(snapshot, 'hwmon:nct6793-isa-0a20/temp5'), { label: 'AUXTIN2', value: 23 });
  t.match(sensorById(snapshot, 'hwmon:it8728-isa-0228/temp1'), { value: 29 });
  t.match(sensorById(snapshot, 'hwmon:it8728-isa-0228/temp3'), { value: null, unavailable: 'absent' });
  t.match(sensorById(snapshot, 'hwmon:it8728-isa-0228/temp2'), { value: null, unavailable: 'absent' }, 'the top of the register');
  t.same(modelVerdicts(snapshot, 'hwmon:it8728-isa-0228/temp3'), { sensor: 'not served' });
});

t.test('a PECI input that read, then reads -128 °C after a resume, is lost, not -128 °C', async (t) => {
  // The it8728 above: temp3 read 27 °C (low 0 °C, high 70 °C) before the suspend, -128 °C after it.
  const it8728 = (temp3: number) => ({
    device: 'platform/it87.552',
    subsystem: 'bus/platform',
    files: { name: 'it8728', temp3_input: temp3, temp3_min: 0, temp3_max: 70000, temp3_type: 6, temp3_alarm: temp3 < 0 ? 1 : 0 },
  });
  const model = modelOverTime();
  const id = 'hwmon:it8728-isa-0228/temp3';
  t.same(verdictsIn(model(await sampleTree(t, [it8728(27000)])), id), { sensor: 'ok' });
  t.same(verdictsIn(model(await sampleTree(t, [it8728(-128000)])), id), { sensor: 'lostCommunication: reading absent' });
});

t.test('an open thermal input is so only on the Super I/O chips: elsewhere -128 °C stays a reading', async (t) => {
  // A MAX1617's low limit reads -128 °C (`sensors`, max1617-i2c-0-4c: "Board Temp: +42.0°C (low = -128.0°C")
  // and a chip with a wider register may read below; only the 8-bit Super I/O registers end there.
  const snapshot = await sampleTree(t, [
    { device: 'platform/soc/i2c-0/0-004c', subsystem: 'bus/i2c', files: { name: 'max1617', temp1_input: -128000 } },
  ]);
  t.match(sensorById(snapshot, 'hwmon:max1617-i2c-0-4c/temp1'), { value: -128 });
});

t.test("an Intel Arc B580's package temp2_max (60 °C) is no limit; its crit and emergency stay", async (t) => {
  // LACT's sysfs snapshot of an Arc B580 on the xe driver (../shared/fixtures/hwmon/lact-gpu-hwmon/intel/b580):
  // temp2 (pkg) 54 °C, temp2_max 60000, temp2_crit 100000, temp2_emergency 125000; vram and its channels crit
  // 105000, emergency 120000, no max. The card's own fan curve runs past 60 °C at part duty (pwm1_auto_point8_temp
  // 75000 at pwm 105, point9 80000 at 135 of 255): 60 °C is where the card runs under load, not a limit it warns at.
  const snapshot = await sampleTree(t, [
    {
      device: 'pci0000:00/0000:00:01.0/0000:01:00.0/0000:02:01.0/0000:03:00.0',
      subsystem: 'bus/pci',
      files: {
        name: 'xe',
        temp2_label: 'pkg', temp2_input: 68000, temp2_max: 60000, temp2_crit: 100000, temp2_emergency: 125000,
        temp3_label: 'vram', temp3_input: 56000, temp3_crit: 105000, temp3_emergency: 120000,
      },
    },
  ]);
  const id = 'hwmon:xe-pci-0300/temp2';
  t.same(sensorById(snapshot, id).thresholds, { upperCritical: 100, upperFatal: 125 });
  t.same(modelVerdicts(snapshot, id), { sensor: 'ok' }, 'a card at 68 °C under load');
  t.same(sensorById(snapshot, 'hwmon:xe-pci-0300/temp3').thresholds, { upperCritical: 105, upperFatal: 120 });
});

t.test("the PMBus core's supplies beyond Delta's and Bel's are power supplies by default", async (t) => {
  // The hwmon name of a PMBus device is its I²C client's name, '-' made '_' (pmbus_core.c, "hwmon: (pmbus) Replace -
  // with _ in device names before registration", 2021): a device-tree node's compatible less its vendor ("ibm,cffps1"
  // → cffps1), or the i2c_device_id a BMC's entity-manager writes to new_device (IPSPS1 → ipsps1). The supply drivers'
  // tables: ibm-cffps.c ibm_cffps1, ibm_cffps2, and "cffps%d" set from the CCIN when the version is unknown;
  // inspur-ipsps.c ipsps1; fsp-3y.c ym2151e, yh5151e; acbel-fsg032.c acbel_fsg032 ("acbel,fsg032"); crps.c
  // intel_crps185 ("intel,crps185"); bpa-rs600.c bpa-rs600, bpd-rs600. Each reads here as a supply's fan that stood
  // still with its warning bit set: pmbus_core.c serves fan<N>_target 0 while the fan runs by duty cycle (no stop on
  // purpose), and a supply's fan alarm at 0 RPM is its stall.
  const names = ['cffps1', 'cffps2', 'ibm_cffps1', 'ibm_cffps2', 'ipsps1', 'ym2151e', 'yh5151e', 'acbel_fsg032', 'fsg032', 'crps185', 'intel_crps185', 'bpa_rs600', 'bpd_rs600'];
  for (const name of names) {
    const snapshot = await sampleTree(t, [
      {
        device: 'platform/ahb/ahb:apb/1e78a0c0.i2c-bus/i2c-3/3-0068',
        subsystem: 'bus/i2c',
        files: { name, in1_label: 'vin', in1_input: 230000, in1_lcrit: -500, in1_min: 180000, fan1_input: 0, fan1_target: 0, fan1_alarm: 1 },
      },
    ]);
    const id = `hwmon:${name}-i2c-3-68`;
    t.same(snapshot.powerSupplies?.map((s) => s.id), [id], `${name} is a supply`);
    t.same(sensorById(snapshot, `${id}/in1`).thresholds, { lowerNonCritical: 180 }, `${name}: an all-ones limit is unread`);
    t.match(snapshot.fans?.[0], { status: 'degraded', idleAllowed: false }, `${name}: its fan stalled`);
  }
});

t.test("a Nuvoton chip's PCH sources at 0 °C are no readings: nothing feeds them", async (t) => {
  // `sensors` on an MSI B350 TOMAHAWK, an AMD board with no Intel PCH (Ubuntu forums, 2017-12-23): nct6793-isa-0a20
  // "PCH_CHIP_CPU_MAX_TEMP: +0.0°C", "PCH_CHIP_TEMP: +0.0°C", "PCH_CPU_TEMP: +0.0°C"; and on an Intel board (a conky
  // setup's README on GitHub, `sensors` after lm-sensors/lm-sensors#134's acpi_enforce_resources=lax): nct6798-isa-0290
  // "PCH_CHIP_CPU_MAX_TEMP" … "PCH_MCH_TEMP: +0.0°C", all four, beside "AUXTIN0: -128.0°C". The nct6775 driver serves
  // every temperature source the chip has selected, and these come over SMBus from an Intel PCH when the BIOS has the
  // chip poll it; where none does the register stays 0. No running PCH or CPU is at 0 °C.
  const snapshot = await sampleTree(t, [
    {
      device: 'platform/nct6775.2592',
      subsystem: 'bus/platform',
      files: {
        name: 'nct6793',
        temp1_label: 'SYSTIN', temp1_input: 36000,
        temp8_label: 'SMBUSMASTER 0', temp8_input: 30000,
        temp9_label: 'PCH_CHIP_CPU_MAX_TEMP', temp9_input: 0,
        temp10_label: 'PCH_CHIP_TEMP', temp10_input: 0,
        temp11_label: 'PCH_CPU_TEMP', temp11_input: 0,
        temp12_label: 'PCH_MCH_TEMP', temp12_input: 47000,
      },
    },
  ]);
  for (const channel of ['temp9', 'temp10', 'temp11']) {
    t.match(sensorById(snapshot, `hwmon:nct6793-isa-0a20/${channel}`), { value: null, unavailable: 'absent' }, channel);
    t.same(modelVerdicts(snapshot, `hwmon:nct6793-isa-0a20/${channel}`), { sensor: 'not served' });
  }
  t.match(sensorById(snapshot, 'hwmon:nct6793-isa-0a20/temp12'), { label: 'PCH_MCH_TEMP', value: 47 }, 'a PCH source that is fed');
  t.match(sensorById(snapshot, 'hwmon:nct6793-isa-0a20/temp8'), { value: 30 });
});

t.test('the open-input and PCH-source rules hold only on the chips they name', async (t) => {
  // An LM90-family remote diode is no 8-bit Super I/O register: lm90.c reads 127 °C as 127 °C (its limits' reset value,
  // and a real reading of a hot diode), and an ITE chip has no PCH sources: a label of its own naming one, at 0 °C, is
  // a reading. Modelled on the captures above, with the chips swapped.
  const snapshot = await sampleTree(t, [
    { device: 'platform/i2c-0/0-004c', subsystem: 'bus/i2c', files: { name: 'lm90', temp2_input: 127000, temp2_crit: 108000 } },
    { device: 'platform/it87.552', subsystem: 'bus/platform', files: { name: 'it8728', temp1_label: 'PCH_CHIP_TEMP', temp1_input: 0, temp1_type: 4 } },
  ]);
  t.match(sensorById(snapshot, 'hwmon:lm90-i2c-0-4c/temp2'), { value: 127 }, '127 °C on an lm90 is a reading');
  t.match(sensorById(snapshot, 'hwmon:it8728-isa-0228/temp1'), { label: 'PCH_CHIP_TEMP', value: 0 }, 'a PCH_ label at 0 °C on an ITE chip is a reading');
});

t.test("an Aquacomputer device's flow, pressure and water readings on fan channels are no fans", async (t) => {
  // Documentation/hwmon/aquacomputer_d5next.rst: "fan[1-9]_input Pump/fan speed (in RPM) / Flow speed (in dL/h)";
  // aquacomputer_d5next.c labels the channels that are no fans with their unit: the Quadro's fan5 "Flow speed [dL/h]",
  // the High Flow Next's fan1 "Flow [dL/h]", fan2 "Water quality [%]", fan3 "Conductivity [nS/cm]", the Aquastream
  // Ultimate's "Pressure [mbar]", the Leakshield's "Pressure [ubar]", "Reservoir Volume [ml]". fan1_min and fan1_max
  // are the Aquaero's fan controller settings ("Minimal fan speed"), written by the user, no alarm limits.
  const snapshot = await sampleTree(t, [
    {
      device: 'pci0000:00/0000:00:14.0/usb1/1-9/1-9:1.0/0003:0C70:F00D.0005',
      subsystem: 'bus/hid',
      files: {
        name: 'quadro',
        fan1_label: 'Fan 1 speed', fan1_input: 780, pwm1: 102,
        fan5_label: 'Flow speed [dL/h]', fan5_input: 1380, fan5_pulses: 169,
      },
    },
    {
      device: 'pci0000:00/0000:00:14.0/usb1/1-10/1-10:1.0/0003:0C70:F012.0006',
      subsystem: 'bus/hid',
      files: {
        name: 'highflownext',
        fan1_label: 'Flow [dL/h]', fan1_input: 0, fan2_label: 'Water quality [%]', fan2_input: 100, fan3_label: 'Conductivity [nS/cm]', fan3_input: 312,
      },
    },
    {
      device: 'pci0000:00/0000:00:14.0/usb1/1-11/1-11:1.0/0003:0C70:F001.0007',
      subsystem: 'bus/hid',
      files: { name: 'aquaero', fan1_label: 'Fan 1 speed', fan1_input: 0, fan1_min: 400, fan1_max: 1600, fan5_label: 'Flow sensor 1 [dL/h]', fan5_input: 980 },
    },
  ]);
  t.match(sensorById(snapshot, 'hwmon:quadro-hid-3-5/fan5'), { label: 'Flow speed [dL/h]', kind: 'other', unit: 'unspecified', value: 1380 });
  t.match(sensorById(snapshot, 'hwmon:highflownext-hid-3-6/fan2'), { label: 'Water quality [%]', kind: 'other', value: 100 });
  t.same(
    snapshot.fans?.map((f) => f.id),
    ['hwmon:quadro-hid-3-5/fan1', 'hwmon:aquaero-hid-3-7/fan1'],
    'only the fans are fans: a flow of 0 is no fan that stopped',
  );
  t.equal(sensorById(snapshot, 'hwmon:aquaero-hid-3-7/fan1').thresholds, undefined, "the controller's speed range is no limit");
  t.same(modelVerdicts(snapshot, 'hwmon:highflownext-hid-3-6/fan1'), { sensor: 'ok' });
});

t.test("an Apple SMC's temperature keys at -127 °C are sensors the Mac lacks", async (t) => {
  // `sensors` on an iMac with a Radeon R9 M295X under Ubuntu 24.04 (a hardware report on GitHub): applesmc-isa-0300
  // "TH0A: -127.0°C", "TH0B", "TH0C", "TH0F", "TH0P", "TH1C", "TH1P": -127.0°C (drive bays it has no drive in), beside
  // "TH1A: +46.8°C", "TA0P: +22.2°C". applesmc serves every T key the SMC lists; -127 °C is the SMC's sp78 0x8100,
  // its value for a sensor that is not there.
  const snapshot = await sampleTree(t, [
    {
      device: 'platform/applesmc.768',
      subsystem: 'bus/platform',
      files: {
        name: 'applesmc',
        temp1_label: 'TA0P', temp1_input: 22250,
        temp40_label: 'TH0A', temp40_input: -127000,
        temp52_label: 'TH1A', temp52_input: 46750,
      },
    },
  ]);
  t.match(sensorById(snapshot, 'hwmon:applesmc-isa-0300/temp40'), { label: 'TH0A', value: null, unavailable: 'absent' });
  t.same(modelVerdicts(snapshot, 'hwmon:applesmc-isa-0300/temp40'), { sensor: 'not served' });
  t.match(sensorById(snapshot, 'hwmon:applesmc-isa-0300/temp52'), { value: 46.75 });
});

t.test("a Dell laptop's fans on its Data Vault (dell_ddv) rest while the laptop is cool, and only then", async (t) => {
  // dell-wmi-ddv.rst: the DDV WMI interface of Dell notebooks made after ~2020 returns each fan's speed in RPM and each
  // thermal sensor's temperature; the EC runs the fans, and nothing the driver serves (no pwm, no target) says it rests
  // them. `sensors` on a Dell laptop whose BIOS never started its fans under Linux (a setup guide on GitHub, "The
  // Breakthrough — dell_ddv"): "CPU Fan: 0 RPM", "CPU: +69.0°C", "Ambient: +52.0°C", "SODIMM: +45.0°C"; on another
  // at work, "CPU Fan: 2794 RPM", "CPU: +35.0°C (low = +0.0°C, high = +0.0°C)". As for a ThinkPad's EC in auto mode,
  // a fan may rest while every temperature of the chip is below 60 °C; hotter, a fan at 0 RPM is no rest.
  const ddv = (cpu: number, fan: number) => ({
    device: 'platform/PNP0C14:01/wmi_bus/wmi_bus-PNP0C14:01/8A42EA14-4F2A-FD45-6422-0087F7A7E608',
    subsystem: 'bus/wmi',
    files: {
      name: 'dell_ddv', fan1_label: 'CPU Fan', fan1_input: fan,
      temp1_label: 'CPU', temp1_input: cpu, temp1_min: 0, temp1_max: 0, temp2_label: 'Ambient', temp2_input: 44000, temp2_min: 0, temp2_max: 0,
    },
  });
  const id = 'hwmon:dell_ddv-virtual-0/fan1';
  const model = modelOverTime();
  t.same(verdictsIn(model(await sampleTree(t, [ddv(35000, 2794)])), id).fan, 'ok');
  const cool = await sampleTree(t, [ddv(41000, 0)]);
  t.match(cool.fans?.[0], { status: 'ok', idleAllowed: true });
  t.same(verdictsIn(model(cool), id).fan, 'ok', 'seen turning, then at rest while cool');
  t.same(verdictsIn(model(await sampleTree(t, [ddv(69000, 0)])), id).fan, 'critical: stopped', 'at 69 °C a fan at 0 RPM stopped');
  t.same(sensorById(cool, 'hwmon:dell_ddv-virtual-0/temp1').thresholds, undefined, 'low and high at 0 °C are no limits');
});
