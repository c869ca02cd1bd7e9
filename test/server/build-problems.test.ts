/** serve's log of the model's build problems: warned of when they appear, then at most once an hour. */
import t from 'tap';
import type { FastifyBaseLogger } from 'fastify';
import { BUILD_PROBLEM_REPEAT_MS, BuildProblemLog } from '../../src/server/build-problems.js';

t.test('a problem is warned of when it appears, again only an hour later; another one at once', async (t) => {
  const warned: string[] = [];
  const logger = { warn: (_obj: object, msg: string) => void warned.push(msg) } as unknown as FastifyBaseLogger;
  let now = 0;
  const log = new BuildProblemLog(logger, () => now);
  const problem = { provider: 'ipmi', subject: 'ipmi:02-CPU 1', message: "range minReadable 110 is above the sensor's reading: left out" };
  log.report(problem);
  now += 20_000;
  log.report(problem);
  log.report({ ...problem, subject: 'ipmi:03-CPU 2' });
  now += BUILD_PROBLEM_REPEAT_MS;
  log.sweep();
  log.report(problem);
  t.same(warned, [
    "model: ipmi:02-CPU 1: range minReadable 110 is above the sensor's reading: left out",
    "model: ipmi:03-CPU 2: range minReadable 110 is above the sensor's reading: left out",
    "model: ipmi:02-CPU 1: range minReadable 110 is above the sensor's reading: left out",
  ]);
});
