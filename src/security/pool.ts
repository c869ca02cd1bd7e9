/**
 * Runs at most `size` tasks at once; the others wait their turn, in order.
 * Password checks go through one so that a burst of them holds at most
 * `size` of libuv's threads (4 by default), leaving the rest to the agent's
 * other crypto and file work.
 */
export class TaskPool {
  readonly #size: number;
  #running = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(size: number) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`a pool needs at least one slot, not ${size}`);
    this.#size = size;
  }

  /** Tasks running now. */
  get running(): number {
    return this.#running;
  }

  /** Tasks waiting for a slot. */
  get waiting(): number {
    return this.#waiting.length;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.#running >= this.#size) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    else this.#running++;
    try {
      return await task();
    } finally {
      // The slot passes straight to the next waiter, so #running never dips below a waiting task.
      const next = this.#waiting.shift();
      if (next) next();
      else this.#running--;
    }
  }
}
