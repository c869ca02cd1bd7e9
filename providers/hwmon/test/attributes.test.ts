import t from 'tap';
import {
  cleanAttributeText,
  parseAttributeInteger,
  parseAttributeName,
  parseLabel,
  pwmFullScale,
  pwmPercent,
  QUANTITIES,
  scaleReading,
} from '../attributes.js';
import { HwmonError } from '../errors.js';

function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

t.test('parseAttributeName splits every channel type', async (t) => {
  t.same(parseAttributeName('temp1_input'), { type: 'temp', index: 1, item: 'input' });
  t.same(parseAttributeName('in0_max'), { type: 'in', index: 0, item: 'max' });
  t.same(parseAttributeName('curr2_crit_alarm'), { type: 'curr', index: 2, item: 'crit_alarm' });
  t.same(parseAttributeName('power1_average'), { type: 'power', index: 1, item: 'average' });
  t.same(parseAttributeName('energy2_input'), { type: 'energy', index: 2, item: 'input' });
  t.same(parseAttributeName('fan12_target'), { type: 'fan', index: 12, item: 'target' });
  t.same(parseAttributeName('freq1_label'), { type: 'freq', index: 1, item: 'label' });
  t.same(parseAttributeName('humidity1_input'), { type: 'humidity', index: 1, item: 'input' });
  t.same(parseAttributeName('intrusion0_alarm'), { type: 'intrusion', index: 0, item: 'alarm' });
  t.same(parseAttributeName('pwm3_auto_point10_temp'), { type: 'pwm', index: 3, item: 'auto_point10_temp' });
});

t.test('parseAttributeName accepts the bare form only for PWM outputs', async (t) => {
  t.same(parseAttributeName('pwm1'), { type: 'pwm', index: 1, item: '' });
  t.equal(parseAttributeName('fan1'), undefined);
  t.equal(parseAttributeName('temp1'), undefined);
});

t.test('parseAttributeName refuses what is not a channel attribute', async (t) => {
  for (const file of ['name', 'uevent', 'device', 'cpu0_vid', 'temp_input', 'temp01_input', 'Temp1_input', 'temp1_', 'temp1_Input', 'alarms', 'in1x_input']) {
    t.equal(parseAttributeName(file), undefined, file);
  }
});

t.test('cleanAttributeText drops newlines, whitespace and NUL padding', async (t) => {
  t.equal(cleanAttributeText('42000\n'), '42000');
  t.equal(cleanAttributeText('  775 \n'), '775');
  t.equal(cleanAttributeText('56000\n' + '\0'.repeat(4090)), '56000');
  t.equal(cleanAttributeText('12\r\n'), '12');
  t.equal(cleanAttributeText('\n'), '');
  t.equal(cleanAttributeText(' \0\n'), '', 'NULs and whitespace in any order');
  t.equal(cleanAttributeText('\0\0 7 \0\n'), '7');
});

t.test('parseAttributeInteger reads signed integers', async (t) => {
  t.equal(parseAttributeInteger('42000\n'), 42000);
  t.equal(parseAttributeInteger('-273150\n'), -273150);
  t.equal(parseAttributeInteger('+5\n'), 5);
  t.equal(parseAttributeInteger('25637161804\n'), 25637161804);
  t.equal(parseAttributeInteger('0\n\0\0\0'), 0);
});

t.test('parseAttributeInteger refuses anything else with a BAD_VALUE error naming the file', async (t) => {
  for (const text of ['', '\n', 'N/A\n', '1.5\n', '12 34\n', '0x10\n', '--1\n']) {
    const error = caught(() => parseAttributeInteger(text, '/sys/x/temp1_input'));
    t.ok(error instanceof HwmonError, JSON.stringify(text));
    t.match(error, { code: 'BAD_VALUE', path: '/sys/x/temp1_input', message: /^\/sys\/x\/temp1_input: expected an integer/ });
  }
});

t.test('parseLabel trims, flattens control characters and treats empty as none', async (t) => {
  t.equal(parseLabel('Core 0\n'), 'Core 0');
  t.equal(parseLabel(' +3.3 Voltage\n'), '+3.3 Voltage');
  t.equal(parseLabel('edge\n\0\0'), 'edge');
  t.equal(parseLabel('a\tb\n'), 'a b');
  t.equal(parseLabel('\n'), undefined);
  t.equal(parseLabel('  \0'), undefined);
});

t.test('QUANTITIES and scaleReading give plain units exactly', async (t) => {
  t.equal(scaleReading(35850, QUANTITIES.temp.decimals), 35.85);
  t.equal(scaleReading(-273150, QUANTITIES.temp.decimals), -273.15);
  t.equal(scaleReading(1296, QUANTITIES.in.decimals), 1.296);
  t.equal(scaleReading(7624, QUANTITIES.curr.decimals), 7.624);
  t.equal(scaleReading(345000000, QUANTITIES.power.decimals), 345);
  t.equal(scaleReading(25637161804, QUANTITIES.energy.decimals), 25637.161804);
  t.equal(scaleReading(1530, QUANTITIES.fan.decimals), 1530);
  t.equal(scaleReading(500000000, QUANTITIES.freq.decimals), 500000000);
  t.equal(scaleReading(45123, QUANTITIES.humidity.decimals), 45.123);
  t.same(
    Object.fromEntries(Object.entries(QUANTITIES).map(([type, q]) => [type, `${q.kind}/${q.unit}/${q.decimals}`])),
    {
      temp: 'temperature/celsius/3',
      in: 'voltage/volts/3',
      curr: 'current/amps/3',
      power: 'power/watts/6',
      energy: 'energy/joules/6',
      fan: 'fan/rpm/0',
      freq: 'frequency/hertz/0',
      humidity: 'humidity/percent/3',
    },
  );
});

t.test('pwmPercent maps 0–255 to percent with one decimal and refuses the rest', async (t) => {
  t.equal(pwmPercent(0), 0);
  t.equal(pwmPercent(51), 20);
  t.equal(pwmPercent(128), 50.2);
  t.equal(pwmPercent(255), 100);
  t.throws(() => pwmPercent(256, '/p'), { code: 'BAD_VALUE', path: '/p' });
  t.throws(() => pwmPercent(-1), { code: 'BAD_VALUE' });
  t.equal(pwmPercent(30, '', pwmFullScale('nouveau')), 30, "nouveau's is a percentage");
  t.throws(() => pwmPercent(101, '', pwmFullScale('nouveau')), { code: 'BAD_VALUE' });
  t.equal(pwmFullScale('nct6798'), 255);
});
