/**
 * SNMP notifications: every hardware event as a THINCIM-MIB trap or inform to
 * each configured receiver. Loaded by `thincim serve` only when a target is
 * configured, and it alone loads the SNMP library. Each target is its own
 * EventBus consumer with its own bounded queue, so an unreachable receiver
 * (whose informs wait out their retries) delays no other target and no
 * sampling; past the bound its oldest events are dropped and counted.
 */
import type { DeliveryCounts, EventBus, EventConsumer, HardwareEvent } from '../events/index.js';
import { countBoot, startEngine, type SnmpEngine } from './engine.js';
import { createSender, SnmpRefusedError, type Sender } from './sender.js';
import { defaultEngineId, resolveTargets, type SnmpTarget } from './targets.js';
import { eventVarbinds, notificationOid } from './varbinds.js';
import type { SnmpTargetConfig } from '../config/snmp.js';

export { BOOTS_FILE } from './engine.js';
export { SnmpTargetError, defaultEngineId, resolveTargets, type SnmpTarget } from './targets.js';
export { eventVarbinds, notificationOid, NOTIFICATIONS, OBJECT_NAMES, SEVERITIES, dateAndTime, type MibVarbind } from './varbinds.js';

interface NotifierLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface SnmpOptions {
  snmp: {
    targets: readonly SnmpTargetConfig[];
    community?: string | undefined;
    enterpriseOid: string;
    engineId?: string | undefined;
    queue: number;
  };
  events: EventBus;
  logger: NotifierLogger;
  hostname: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Where the SNMPv3 engine's boots count is kept (see engine.ts); none counts every start as the first. */
  stateDir?: string | undefined;
}

export interface TargetStats {
  readonly address: string;
  readonly sent: number;
  readonly failed: number;
  /** Informs the receiver answered with a USM Report: wrong user or keys. */
  readonly refused: number;
}

export interface SnmpNotifier {
  readonly engineId: string;
  stats(): TargetStats[];
  /** Stops taking events and closes the sockets; the events not sent (informs in flight, events queued) are abandoned, and logged. */
  close(): void;
}

const ENTERPRISES = '1.3.6.1.4.1.';

export async function startSnmpNotifier(options: SnmpOptions): Promise<SnmpNotifier> {
  return (await prepareSnmpNotifier(options))(options.events);
}

/**
 * Everything that can fail about the targets (a secret file or variable
 * missing: SnmpTargetError), done before a notifier exists, so that `thincim
 * serve` stops on it before opening any port; the function returned starts
 * the notifier on the broker's events.
 */
export async function prepareSnmpNotifier(options: Omit<SnmpOptions, 'events'>): Promise<(events: EventBus) => SnmpNotifier> {
  const { snmp, logger } = options;
  const targets = resolveTargets(snmp, options.env);
  const library = (await import('net-snmp')).default;
  const enterprise = snmp.enterpriseOid.startsWith(ENTERPRISES) ? Number(snmp.enterpriseOid.slice(ENTERPRISES.length).split('.')[0]) : undefined;
  const engineId = (snmp.engineId ?? defaultEngineId(options.hostname, enterprise)).replace(/^0x/, '').toLowerCase();
  // Only an engine that sends v3 notifications counts its starts.
  const v3 = targets.some((t) => t.version === '3');
  const boots = v3 && options.stateDir !== undefined ? await countBoot(options.stateDir, logger) : 1;
  return (events) => startTargets(events, targets, { library, engine: startEngine(engineId, boots), snmp, logger });
}

function startTargets(
  events: EventBus,
  targets: readonly SnmpTarget[],
  { library, engine, snmp, logger }: { library: Parameters<typeof createSender>[0]; engine: SnmpEngine; snmp: SnmpOptions['snmp']; logger: NotifierLogger },
): SnmpNotifier {
  const consumers = targets.map((target, i) => {
    const consumer = new TargetConsumer(`snmp ${i + 1} ${target.address}`, target, createSender(library, target, engine), {
      root: snmp.enterpriseOid, maxQueue: snmp.queue, logger, upTime,
    });
    const unsubscribe = events.subscribe(consumer);
    logger.info({ target: target.address, version: target.version, notification: target.notification }, `SNMP ${target.notification}s to ${target.address}`);
    return { consumer, unsubscribe };
  });
  if (targets.some((t) => t.version === '3')) logger.info({ engineId: engine.id, boots: engine.clock().boots }, `SNMPv3 engine ID ${engine.id}`);
  return {
    engineId: engine.id,
    stats: () => consumers.map(({ consumer }) => consumer.stats()),
    close() {
      const queued = new Map(events.stats().map((s) => [s.name, s.queued]));
      for (const { consumer, unsubscribe } of consumers) {
        const unsent = (queued.get(consumer.name) ?? 0) + (consumer.sending ? 1 : 0);
        unsubscribe();
        consumer.close();
        // Else lost without a word: an operator stopping thincim learns which alerts a receiver never got.
        if (unsent > 0) logger.warn({ target: consumer.address, unsent }, `SNMP: ${unsent} event(s) not sent to ${consumer.address} at shutdown`);
      }
    },
  };
}

/**
 * sysUpTime (RFC 3418): hundredths of a second since thincim started, from
 * the monotonic clock, as TimeTicks wrap. Not the wall clock: set back (NTP
 * at boot), it made a negative value the library refuses to encode, and
 * every notification failed until the clock caught up.
 */
function upTime(): number {
  return Math.floor(performance.now() / 10) % 2 ** 32;
}

interface ConsumerSettings {
  root: string;
  maxQueue: number;
  logger: NotifierLogger;
  /** sysUpTime in hundredths of a second. */
  upTime(): number;
}

/** One target: sends each event in turn; says once when the target starts failing or refusing, and once when it works again. */
class TargetConsumer implements EventConsumer {
  readonly name: string;
  readonly maxQueue: number;
  readonly #target: SnmpTarget;
  readonly #sender: Sender;
  readonly #settings: ConsumerSettings;
  #sent = 0;
  #failed = 0;
  #refused = 0;
  #state: 'ok' | 'failing' | 'refusing' = 'ok';
  #closed = false;
  #sending = false;

  constructor(name: string, target: SnmpTarget, sender: Sender, settings: ConsumerSettings) {
    this.name = name;
    this.maxQueue = settings.maxQueue;
    this.#target = target;
    this.#sender = sender;
    this.#settings = settings;
  }

  async handle(event: HardwareEvent): Promise<void> {
    if (this.#closed) return;
    const { root, logger } = this.#settings;
    const log = { target: this.#target.address, sequence: event.sequence };
    this.#sending = true;
    try {
      await this.#sender.send(notificationOid(root, event.kind), eventVarbinds(root, event), this.#settings.upTime());
      this.#sent++;
      if (this.#state !== 'ok') logger.info(log, `SNMP target ${this.#target.address} reachable again`);
      this.#state = 'ok';
    } catch (err) {
      if (this.#closed) return;
      const refused = err instanceof SnmpRefusedError;
      if (refused) this.#refused++;
      else this.#failed++;
      const state = refused ? 'refusing' : 'failing';
      if (this.#state !== state) {
        logger.warn({ ...log, err: { message: (err as Error).message } }, refused
          ? `SNMP target ${this.#target.address} refused the ${this.#target.notification}: its user or keys do not match the receiver's; its events are lost until they do`
          : `SNMP ${this.#target.notification} to ${this.#target.address} failed; its events are lost until it answers`);
      }
      this.#state = state;
    } finally {
      this.#sending = false;
    }
  }

  get address(): string {
    return this.#target.address;
  }

  /** An event is being sent: an inform waiting for its answer. */
  get sending(): boolean {
    return this.#sending;
  }

  stats(): TargetStats {
    return { address: this.#target.address, sent: this.#sent, failed: this.#failed, refused: this.#refused };
  }

  /** For /metrics. */
  deliveries(): DeliveryCounts {
    return { sent: this.#sent, failed: this.#failed, refused: this.#refused };
  }

  close(): void {
    this.#closed = true;
    this.#sender.close();
  }
}
