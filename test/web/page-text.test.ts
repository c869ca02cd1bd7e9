import t from 'tap';
import { ageText, providerText, readingWords, rowHref, shown, sparkText, type ProviderLine } from '../../src/web/page-text.js';

const line = (p: Partial<ProviderLine>): ProviderLine => ({ state: 'sampling', lastError: null, consecutiveFailures: 0, backoffUntil: null, refusedCount: 0, ...p });

t.test("a provider's line, as the page and its script write it", async (t) => {
  t.equal(providerText(line({})), 'sampling');
  t.equal(providerText(line({ refusedCount: 1 })), 'sampling; 1 invalid item refused');
  t.equal(providerText(line({ refusedCount: 100_000 })), 'sampling; 100000 invalid items refused');
  t.equal(providerText(line({ state: 'starting' })), 'starting: no sample yet');
  t.equal(providerText(line({ state: 'failed', consecutiveFailures: 2, lastError: 'BMC busy', backoffUntil: Date.UTC(2026, 0, 2, 3, 4, 5) })),
    'failed 2 times: BMC busy; backed off until 2026-01-02 03:04:05 UTC');
});

t.test('an age, in seconds, minutes or hours', async (t) => {
  t.equal(ageText(-5), '0 s', 'a clock a little behind');
  t.equal(ageText(119_400), '119 s');
  t.equal(ageText(120_000), '2 min');
  t.equal(ageText(7_199_000), '120 min');
  t.equal(ageText(7_200_000), '2 h');
});

t.test('a reading in words; a lost one is the last good reading, not the reading now', async (t) => {
  t.equal(readingWords({ text: '53.2', unit: '°C', lost: false }), '53.2 °C');
  t.equal(readingWords({ text: '3', unit: '' }), '3');
  t.equal(readingWords({ text: '34.5', unit: '°C', lost: true }), 'no reading (last 34.5 °C)');
  t.equal(readingWords(null), 'no reading');
});

t.test('a sparkline in words: first, last, lowest and highest of the readings it has', async (t) => {
  t.equal(sparkText([null, 41, 45.5, null, 39, 42], '°C'), 'recent readings from 41 °C to 42 °C, lowest 39 °C, highest 45.5 °C');
  t.equal(sparkText([null, 3000, null], 'RPM'), 'no history yet', 'one reading is no line');
});

t.test("a reason's link: its element's row, or for a system's own finding the providers' table", async (t) => {
  t.equal(rowHref('fan', 'hwmon:nct6775/fan1'), `#${encodeURIComponent('el-fan-hwmon:nct6775/fan1')}`);
  t.equal(rowHref('system', 'host.example'), '#providers');
});

t.test('bidi controls in a name are shown as their code points; right-to-left letters and marks are left', async (t) => {
  t.equal(shown('\u202eFan 3'), '⟨U+202E⟩Fan 3', 'an override');
  t.equal(shown('a\u2066b\u2069\u202ac\u202c'), 'a⟨U+2066⟩b⟨U+2069⟩⟨U+202A⟩c⟨U+202C⟩', 'isolates and embeddings');
  t.equal(shown('מאוורר 1\u200f'), 'מאוורר 1\u200f', 'Hebrew letters and a right-to-left mark');
});

t.test('zero-width characters are shown as their code points: two names that look the same are told apart', async (t) => {
  t.equal(shown('Fan\u200b1'), 'Fan⟨U+200B⟩1', 'a zero-width space');
  t.equal(shown('a\u200cb\u200dc\u2060d\ufeffe'), 'a⟨U+200C⟩b⟨U+200D⟩c⟨U+2060⟩d⟨U+FEFF⟩e', 'joiners, a word joiner, a BOM');
  t.not(shown('CPU\u200b Temp'), shown('CPU Temp'));
});
