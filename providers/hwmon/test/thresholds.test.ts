import t from 'tap';
import { isPlaceholderLimit, THRESHOLD_ITEMS, toThresholds, usableLimits } from '../thresholds.js';

t.test('THRESHOLD_ITEMS maps hwmon limits to snapshot thresholds', async (t) => {
  t.same(THRESHOLD_ITEMS, {
    min: 'lowerNonCritical',
    max: 'upperNonCritical',
    lcrit: 'lowerCritical',
    crit: 'upperCritical',
    emergency: 'upperFatal',
  });
});

t.test('temperature placeholders', async (t) => {
  t.ok(isPlaceholderLimit('temp', 'min', -273150), 'absolute zero');
  t.ok(isPlaceholderLimit('temp', 'lcrit', -300000), 'below absolute zero');
  t.ok(isPlaceholderLimit('temp', 'max', 65261850), '0xFFFF K');
  t.ok(isPlaceholderLimit('temp', 'crit', 70000000), 'above 0xFFFF K');
  t.ok(isPlaceholderLimit('temp', 'crit', 0), 'upper limit 0 °C');
  // The garbage of an ITE chip's never-programmed registers (frankcrawford/it87#59, groeck/it87#80): "high = -20.0°C",
  // "-74.0°C", "-16.0°C". No upper temperature limit of real hardware lies below freezing.
  t.ok(isPlaceholderLimit('temp', 'max', -20000), 'an upper limit below 0 °C');
  t.ok(isPlaceholderLimit('temp', 'crit', -74000));
  t.ok(isPlaceholderLimit('temp', 'emergency', -1000));
  t.notOk(isPlaceholderLimit('temp', 'min', -20000), 'a lower limit below 0 °C is real');
  t.notOk(isPlaceholderLimit('temp', 'max', 1000), 'just above freezing is a limit');
  t.ok(isPlaceholderLimit('temp', 'max', 127000), 'signed 8-bit all-ones');
  t.ok(isPlaceholderLimit('temp', 'emergency', 255000), 'unsigned 8-bit all-ones');
  t.ok(isPlaceholderLimit('temp', 'lcrit', -128000), 'signed 8-bit minimum');
  t.notOk(isPlaceholderLimit('temp', 'min', 0), 'a lower limit of 0 °C is real');
  t.ok(isPlaceholderLimit('temp', 'min', -127000), "0x81, lm85's reset low limit");
  t.ok(isPlaceholderLimit('temp', 'min', -63000), "0x01 in adt7475's offset-64 encoding");
  t.ok(isPlaceholderLimit('temp', 'max', 191000), "0xFF in adt7475's offset-64 encoding");
  t.ok(isPlaceholderLimit('temp', 'min', 127000), 'register extremes on either side (min = max = 127 °C)');
  t.ok(isPlaceholderLimit('temp', 'max', -128000));
  t.notOk(isPlaceholderLimit('temp', 'crit', 100000));
  t.notOk(isPlaceholderLimit('temp', 'crit', 20800), 'implausible but real (a BIOS crit of 20.8 °C) stays');
  t.notOk(isPlaceholderLimit('temp', 'min', -40150));
});

t.test('other quantities: 0 is the placeholder, on either side', async (t) => {
  for (const type of ['in', 'curr', 'power', 'energy', 'fan', 'freq', 'humidity'] as const) {
    t.ok(isPlaceholderLimit(type, 'min', 0), `${type} min 0`);
    t.ok(isPlaceholderLimit(type, 'max', 0), `${type} max 0`);
    t.notOk(isPlaceholderLimit(type, 'max', 127000), `${type} max 127000 is a value`);
    if (type !== 'fan') t.notOk(isPlaceholderLimit(type, 'min', -12000), `${type} negative is a value`);
  }
  t.ok(isPlaceholderLimit('fan', 'min', -1), "it87's register at 0: no fan turns backwards");
  for (const type of ['curr', 'power'] as const) {
    for (const item of ['max', 'crit', 'emergency'] as const) t.ok(isPlaceholderLimit(type, item, -500), `${type} ${item} below 0 (PMBus all ones)`);
    t.notOk(isPlaceholderLimit(type, 'lcrit', -500), `${type} lcrit below 0 is a value (a bidirectional monitor)`);
  }
  t.notOk(isPlaceholderLimit('in', 'max', -10800), 'a negative rail has negative upper limits');
});

t.test('usableLimits drops placeholders', async (t) => {
  t.same(usableLimits('temp', { min: -273150, max: 65261850, crit: 84850 }), { crit: 84850 });
  t.same(usableLimits('temp', { min: 127000, max: 127000 }), {}, 'unset Super I/O limits');
  t.same(usableLimits('fan', { min: 0, max: 3400 }), { max: 3400 });
  t.same(usableLimits('in', { min: 0, max: 0 }), {});
  t.same(usableLimits('temp', {}), {});
  t.same(usableLimits('temp', { lcrit: 0, min: 0, max: 0, crit: 0 }), {}, 'every limit at 0 °C: none was set');
  t.same(usableLimits('temp', { min: 0, max: 45000 }), { min: 0, max: 45000 }, 'a lower 0 °C beside a real upper limit is one');
});

t.test('usableLimits drops both sides of a lower limit at or above an upper one', async (t) => {
  t.same(usableLimits('temp', { min: 70000, max: 65000, crit: 90000 }), { crit: 90000 }, 'min above max');
  t.same(usableLimits('temp', { min: -6000, max: -16000 }), { min: -6000 }, 'an upper limit below 0 °C goes first: the min it contradicted stays');
  t.same(usableLimits('in', { min: 3000, max: 3000 }), {}, 'min equal to max');
  t.same(
    usableLimits('temp', { lcrit: 95000, min: 5000, max: 80000, crit: 90000 }),
    { min: 5000, max: 80000, crit: 90000 },
    'lcrit above crit and max: only lcrit, the odd one out, goes',
  );
  t.same(
    usableLimits('temp', { min: 95000, max: 80000, crit: 90000, emergency: 100000 }),
    { max: 80000, crit: 90000, emergency: 100000 },
    'min above two upper limits: only min goes',
  );
  t.same(usableLimits('temp', { min: 50000, max: 50000, crit: 90000 }), { crit: 90000 }, 'a tie: both go');
  t.same(usableLimits('curr', { min: 100, crit: 50, max: 200 }), { max: 200 }, 'min above crit, below max');
  t.same(usableLimits('temp', { min: 28000, max: 48000 }), { min: 28000, max: 48000 }, 'ordered limits stay');
});

t.test('toThresholds names and scales the limits', async (t) => {
  t.same(
    toThresholds({ min: 1, max: 2, lcrit: 3, crit: 4, emergency: 5 }, (raw) => raw * 10),
    { lowerNonCritical: 10, upperNonCritical: 20, lowerCritical: 30, upperCritical: 40, upperFatal: 50 },
  );
  t.same(toThresholds({}, (raw) => raw), {});
});
