/**
 * A test instance provider whose calls take their time: it serves one
 * ACME_WidgetStatus (the template's class, from template.mof), and its
 * Reset() and ModifyInstance return after `callMs`, when the promise `onCall`
 * gave settles, or when the call is abandoned, whichever comes first. Loaded
 * in-process with `withSlowProvider`, or by path from a spawned `thincim
 * serve` (bound with `module` in `providerOptions`, where `callMs` is set).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { CIMInstance, CIMInstanceName, NocaseMap, cimProperty } from '../../src/cim/index.js';
import { defineProvider, type InstanceProvider, type ProviderContext } from '../../src/providers/api.js';
import { loadProviders, type LoadedProvider } from '../../src/providers/index.js';
import type { BrokerOptions } from '../../src/server/broker.js';
import { loadRepository, type Repository } from '../../src/repository/index.js';
import { templateSchemaDir, WIDGET_CLASS } from '../../providers/template/widgets.js';

export const SLOW_PROVIDER = 'slow';
/** The keys of the one widget it serves. */
export const SLOW_WIDGET = { InstanceID: 'ACME:widget:slow' } as const;

export interface SlowOptions {
  /** The longest a call takes. */
  callMs: number;
  /** Told when a call begins; the call ends early when the promise returned settles. */
  onCall?: () => Promise<unknown> | void;
}

export function createSlowProvider(options: SlowOptions): InstanceProvider {
  const slowly = async (ctx: ProviderContext): Promise<void> => {
    ctx.log.info({ callMs: options.callMs }, 'slow call began');
    const waited = sleep(options.callMs, undefined, { signal: ctx.signal }).catch(() => undefined);
    await Promise.race([waited, options.onCall?.() ?? waited]);
  };
  return {
    kind: 'instance',
    name: SLOW_PROVIDER,
    version: '1.0.0',
    classes: [WIDGET_CLASS],
    schemaDir: templateSchemaDir(),
    async enumerateInstances() {
      const path = new CIMInstanceName({ classname: WIDGET_CLASS, keybindings: { ...SLOW_WIDGET } });
      const properties = new NocaseMap([
        ['InstanceID', cimProperty('InstanceID', 'string', SLOW_WIDGET.InstanceID)],
        ['ElementName', cimProperty('ElementName', 'string', 'Slow widget')],
      ]);
      return [new CIMInstance({ classname: WIDGET_CLASS, properties, path })];
    },
    async invokeMethod(ctx) {
      await slowly(ctx);
      return { returnValue: 0 };
    },
    async modifyInstance(ctx) {
      await slowly(ctx);
    },
  };
}

/** Holds every call until released, and tells when each begins (pass `onCall`). */
export class CallGate {
  /** Calls begun so far. */
  calls = 0;
  readonly #held: (() => void)[] = [];
  readonly #watchers: (() => void)[] = [];

  readonly onCall = (): Promise<void> => {
    this.calls++;
    for (const wake of this.#watchers.splice(0)) wake();
    return new Promise((resolve) => this.#held.push(resolve));
  };

  /** Resolves once `count` calls have begun in all. */
  async began(count: number): Promise<void> {
    while (this.calls < count) await new Promise<void>((resolve) => this.#watchers.push(resolve));
  }

  /** Ends every call in progress. */
  release(): void {
    for (const resolve of this.#held.splice(0)) resolve();
  }
}

/** The provider as the loader hands it over, with a call timeout of `timeoutMs`. */
export function slowLoadedProvider(options: SlowOptions, timeoutMs = 120_000): LoadedProvider {
  return { provider: createSlowProvider(options), source: 'test:slow', options: {}, schedule: { interval: 3600, timeout: timeoutMs }, enablement: 'explicit' };
}

let repository: Promise<Repository> | undefined;

/** The project's schema with the template's MOF (ACME_WidgetStatus), compiled once per test process. */
export function widgetRepository(): Promise<Repository> {
  repository ??= loadRepository({ schemaDir: templateSchemaDir(), cacheDir: false });
  return repository;
}

/** startTestBroker options serving the simulated host (as startTestBroker does) and the slow widget. */
export async function withSlowProvider(options: SlowOptions, timeoutMs?: number): Promise<Pick<BrokerOptions, 'repository' | 'providers'>> {
  const simulated = await loadProviders({ providers: ['simulated'], options: { simulated: { startTime: 0, clock: () => 0 } } });
  return { repository: await widgetRepository(), providers: [...simulated, slowLoadedProvider(options, timeoutMs)] };
}

export default defineProvider((options) => createSlowProvider({ callMs: Number(options['callMs'] ?? 1000) }));
