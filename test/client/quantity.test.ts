import t from 'tap';
import { withUnit } from '../../src/client/quantity.js';

t.test('a number and its unit with a space between them, °C and % included (SI Brochure §5.4.3, §5.4.7); a number without a unit alone', async (t) => {
  t.equal(withUnit('97.0', '°C'), '97.0 °C');
  t.equal(withUnit('85.5', '%'), '85.5 %');
  t.equal(withUnit(1500, 'RPM'), '1500 RPM');
  t.equal(withUnit(-0.5, 'B/s'), '-0.5 B/s');
  t.equal(withUnit('3', ''), '3');
});
