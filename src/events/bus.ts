/**
 * Fan-out of events to their consumers. Every consumer has its own bounded
 * queue and takes events one at a time, so a slow one (an unreachable
 * indication listener, a stalled browser) never holds back sampling or any
 * other consumer; past its bound a queue drops its oldest events, counts
 * them, and says so once in the log.
 */
import type { HardwareEvent } from './event.js';

export interface EventConsumer {
  readonly name: string;
  /** Takes one event; the next one waits until the promise settles. A rejection is logged and the queue goes on. */
  handle(event: HardwareEvent): void | Promise<void>;
  /** The most events waiting; default 1,000. */
  readonly maxQueue?: number;
  /** For a consumer that sends events on (an SNMP target, an indication listener): what became of what it sent. */
  deliveries?(): DeliveryCounts;
  /** Told of the events its full queue let go, oldest first (an indication destination numbers them: DSP1054). */
  dropped?(events: readonly HardwareEvent[]): void;
}

/** Notifications or indications a consumer sent on, by outcome. */
export interface DeliveryCounts {
  /** A trap handed to the network, an inform acknowledged, an indication accepted. */
  readonly sent: number;
  /** Every attempt failed: no answer, or an answer that asked to try later. */
  readonly failed: number;
  /** The receiver answered and refused it (not retried). */
  readonly refused: number;
}

export interface ConsumerStats {
  readonly name: string;
  readonly queued: number;
  readonly delivered: number;
  readonly dropped: number;
  readonly failed: number;
  readonly deliveries?: DeliveryCounts;
}

interface BusLogger {
  warn(obj: object, msg: string): void;
}

const DEFAULT_MAX_QUEUE = 1000;

class ConsumerQueue {
  readonly consumer: EventConsumer;
  readonly #log: BusLogger;
  readonly #max: number;
  #queue: HardwareEvent[] = [];
  #running = false;
  #warned = false;
  delivered = 0;
  dropped = 0;
  failed = 0;

  constructor(consumer: EventConsumer, log: BusLogger) {
    this.consumer = consumer;
    this.#log = log;
    this.#max = consumer.maxQueue ?? DEFAULT_MAX_QUEUE;
  }

  get queued(): number {
    return this.#queue.length;
  }

  push(events: readonly HardwareEvent[]): void {
    this.#queue.push(...events);
    if (!this.#running) this.#drain();
    this.#trim();
  }

  /** Past the bound, the oldest waiting events go, counted and said once. */
  #trim(): void {
    const excess = this.#queue.length - this.#max;
    if (excess <= 0) return;
    const dropped = this.#queue.splice(0, excess);
    this.dropped += excess;
    this.#tellDropped(dropped);
    if (!this.#warned) {
      this.#warned = true;
      this.#log.warn({ consumer: this.consumer.name, max: this.#max }, 'event consumer too slow: its oldest events are dropped');
    }
  }

  /**
   * Hands the waiting events over one at a time. A consumer that takes them
   * synchronously (the log, the counters) takes a whole storm at once and
   * never loses one; one that returns a promise gets the next when it settles.
   */
  #drain(): void {
    this.#running = true;
    for (let event = this.#queue.shift(); event !== undefined; event = this.#queue.shift()) {
      const pending = this.#handle(event);
      if (pending) {
        void pending.then(() => this.#drain());
        return;
      }
    }
    this.#running = false;
  }

  #handle(event: HardwareEvent): Promise<void> | undefined {
    try {
      const result = this.consumer.handle(event);
      if (result instanceof Promise) return result.then(() => void this.delivered++, (err: unknown) => this.#failed(err));
      this.delivered++;
    } catch (err) {
      this.#failed(err);
    }
    return undefined;
  }

  #tellDropped(events: readonly HardwareEvent[]): void {
    try {
      this.consumer.dropped?.(events);
    } catch (err) {
      this.#log.warn({ consumer: this.consumer.name, err }, 'event consumer failed to count its dropped events');
    }
  }

  #failed(err: unknown): void {
    this.failed++;
    this.#log.warn({ consumer: this.consumer.name, err }, 'event consumer failed');
  }
}

export class EventBus {
  readonly #queues = new Map<string, ConsumerQueue>();
  readonly #log: BusLogger;
  #emitted = 0;

  constructor(log: BusLogger) {
    this.#log = log;
  }

  /** Adds a consumer; it receives the events emitted from now on. Returns a function that removes it. */
  subscribe(consumer: EventConsumer): () => void {
    if (this.#queues.has(consumer.name)) throw new Error(`an event consumer named ${consumer.name} already exists`);
    this.#queues.set(consumer.name, new ConsumerQueue(consumer, this.#log));
    return () => void this.#queues.delete(consumer.name);
  }

  emit(events: readonly HardwareEvent[]): void {
    if (events.length === 0) return;
    this.#emitted += events.length;
    for (const queue of this.#queues.values()) queue.push(events);
  }

  get emitted(): number {
    return this.#emitted;
  }

  stats(): ConsumerStats[] {
    return [...this.#queues].map(([name, q]) => ({
      name, queued: q.queued, delivered: q.delivered, dropped: q.dropped, failed: q.failed, ...(q.consumer.deliveries && { deliveries: q.consumer.deliveries() }),
    }));
  }
}

/** The newest events, newest last, up to `max`: what the status page shows as recent changes. */
export class RecentEvents implements EventConsumer {
  readonly name = 'recent';
  readonly #max: number;
  #events: HardwareEvent[] = [];

  constructor(max = 200) {
    this.#max = max;
  }

  handle(event: HardwareEvent): void {
    this.#events.push(event);
    if (this.#events.length > this.#max) this.#events.splice(0, this.#events.length - this.#max);
  }

  /** Newest first. */
  list(): readonly HardwareEvent[] {
    return [...this.#events].reverse();
  }
}
