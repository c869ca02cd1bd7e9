/**
 * The model's build problems (a sensor's range dropped, a duplicate id) in serve's log: each is warned of when it
 * appears, then at most once an hour while it lasts, since a model is built at every sample (every 20 s for the
 * ipmi provider) and a BMC's odd declaration stays.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { BuildProblem } from '../model/index.js';

export const BUILD_PROBLEM_REPEAT_MS = 3_600_000;

export class BuildProblemLog {
  /** When each problem was last warned of, by provider, subject and message. */
  readonly #warned = new Map<string, number>();

  constructor(private readonly logger: FastifyBaseLogger, private readonly now: () => number = Date.now) {}

  readonly report = (problem: BuildProblem): void => {
    const key = `${problem.provider}\u0000${problem.subject}\u0000${problem.message}`;
    const last = this.#warned.get(key);
    const now = this.now();
    if (last !== undefined && now - last < BUILD_PROBLEM_REPEAT_MS) return;
    this.#warned.set(key, now);
    this.logger.warn({ provider: problem.provider, subject: problem.subject }, `model: ${problem.subject}: ${problem.message}`);
  };

  /** Forgets the problems warned of more than an hour ago: the map holds no more than an hour's. */
  sweep(): void {
    const now = this.now();
    for (const [key, at] of this.#warned) if (now - at >= BUILD_PROBLEM_REPEAT_MS) this.#warned.delete(key);
  }
}
