/**
 * A test instance provider whose method takes its time: it serves one
 * ACME_WidgetStatus (the template's class, from template.mof) and its
 * Reset() returns after `resetMs`, when `release` settles, or when the call
 * is abandoned, whichever comes first. Loaded in-process with
 * `slowLoadedProvider`, or by path from a spawned `thincim serve`
 * (`--providers simulated,<this file>`; options in `providerOptions`).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { CIMInstance, CIMInstanceName, NocaseMap, cimProperty } from '../../src/cim/index.js';
import { defineProvider, type InstanceProvider } from '../../src/providers/api.js';
import { loadProviders, type LoadedProvider } from '../../src/providers/index.js';
import type { BrokerOptions } from '../../src/server/broker.js';
import { loadRepository, type Repository } from '../../src/repository/index.js';
import { templateSchemaDir, WIDGET_CLASS } from '../../providers/template/widgets.js';

export const SLOW_PROVIDER = 'slow';
/** The keys of the one widget it serves. */
export const SLOW_WIDGET = { InstanceID: 'ACME:widget:slow' } as const;

export interface SlowOptions {
  resetMs: number;
  /** Ends Reset() early (in-process tests release it when they are done). */
  release?: Promise<unknown>;
  /** Told when a Reset() begins. */
  onReset?: () => void;
}

export function createSlowProvider(options: SlowOptions): InstanceProvider {
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
      options.onReset?.();
      await Promise.race([sleep(options.resetMs, undefined, { signal: ctx.signal }).catch(() => undefined), options.release]);
      return { returnValue: 0 };
    },
  };
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

export default defineProvider((options) => createSlowProvider({ resetMs: Number(options['resetMs'] ?? 1000) }));
