/**
 * The page's answers kept per state: made once, counted in bytes as each
 * compressed form is made, and let go when no browser asks for them.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import t from 'tap';
import { buildHost } from '../../src/model/index.js';
import { BrokerState } from '../../src/server/state.js';
import { Body, Snapshots } from '../../src/web/answers.js';
import { SensorHistory } from '../../src/web/history.js';
import type { ViewSources } from '../../src/web/view.js';
import { projectRepository } from '../helpers/broker.js';
import { fullSnapshot, input, sample } from '../model/fixtures.js';

const state = new BrokerState(await projectRepository());
const { entries, families } = buildHost(input([sample(fullSnapshot())]));
state.publish(entries, families);
const sources: ViewSources = { state, providers: () => [], recent: () => [], history: new SensorHistory({ seconds: 60, points: 6 }), now: () => 0 };

t.test('a body counts each form once it is made', async (t) => {
  const body = new Body(Buffer.from('x'.repeat(4096)));
  t.equal(body.bytes, 4096);
  const gzip = await body.get('gzip');
  t.equal(body.bytes, 4096 + gzip.length);
  t.equal(await body.get('gzip'), gzip, 'made once');
  const br = await body.get('br');
  t.equal(body.bytes, 4096 + gzip.length + br.length);
});

t.test('the same state is one snapshot; its answers are counted, and let go when nobody asks', async (t) => {
  // Let go 1 s after the last ask; each wait is 400 ms or more from that edge, so a loaded machine's stall cannot decide.
  const answers = new Snapshots(sources, 1000);
  const first = answers.current();
  t.equal(answers.current(), first, 'nothing changed: the same snapshot');
  t.equal(answers.bytes, 0, 'no answer made yet');
  first.json = new Body(Buffer.from(JSON.stringify(first.view)));
  const br = await first.json.get('br');
  answers.current();
  t.equal(answers.bytes, first.json.identity.length + br.length);
  await sleep(600);
  answers.current();
  await sleep(600);
  t.equal(answers.bytes, first.json.identity.length + br.length, 'kept while asked for');
  await sleep(1500);
  t.equal(answers.bytes, 0, 'let go once nobody asked for a while');
  t.not(answers.current(), first, 'made anew when asked again');
});
