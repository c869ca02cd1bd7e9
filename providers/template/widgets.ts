/**
 * The template instance provider: the OEM path for classes of one's own.
 * It serves ACME_WidgetStatus (declared in template.mof, next to this file)
 * from a JSON file of widgets, and implements the class's Reset() method.
 * Load it by path or by a name bound to it with `module` (see README.md).
 *
 *   { "widgets": [ { "id": "w1", "name": "Widget 1", "spinRate": 1200, "condition": "ok" } ] }
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CIMError, CIMInstance, CIMInstanceName, CIMStatus, type CIMValue, NocaseMap, cimProperty, type CIMProperty, sameName,
} from '../../src/cim/index.js';
import { defineProvider, type InstanceProvider, type MethodResult, type ProviderContext } from '../../src/providers/api.js';
import { fileOptions, readJsonFile } from './json-file.js';

export const WIDGET_CLASS = 'ACME_WidgetStatus';

/** Condition words of the file → the class's Condition ValueMap. */
const CONDITIONS: Record<string, number> = { unknown: 0, ok: 2, worn: 3, failed: 4 };

export interface Widget {
  id: string;
  name: string;
  spinRate: number;
  condition: keyof typeof CONDITIONS;
}

export interface WidgetOptions {
  file: string;
  maxBytes: number;
  /** The folder holding template.mof. */
  schemaDir: string;
}

export function createWidgetProvider(options: WidgetOptions): InstanceProvider {
  const resets = new Map<string, number>();

  async function widgets(ctx: ProviderContext): Promise<Widget[]> {
    return parseWidgets(await readJsonFile(options.file, options.maxBytes, ctx.signal));
  }

  return {
    kind: 'instance',
    name: 'template-widgets',
    version: '1.0.0',
    classes: [WIDGET_CLASS],
    schemaDir: options.schemaDir,

    // Sampled in the background like hardware; each instance carries its path (the keys).
    async enumerateInstances(ctx, classname) {
      if (!sameName(classname, WIDGET_CLASS)) return [];
      return (await widgets(ctx)).map((widget) => toInstance(widget, resets.get(widget.id) ?? 0));
    },

    // Runs on request, under the same deadline. Throw a CIMError to choose the status code.
    async invokeMethod(ctx, target, method, _params): Promise<MethodResult> {
      if (!sameName(method, 'Reset')) throw new CIMError(CIMStatus.METHOD_NOT_FOUND, `${WIDGET_CLASS} has no method ${method}`);
      const id = widgetIdOf(target);
      if (!(await widgets(ctx)).some((w) => w.id === id)) throw new CIMError(CIMStatus.NOT_FOUND, `no widget '${id}'`);
      resets.set(id, (resets.get(id) ?? 0) + 1);
      ctx.log.info({ widget: id }, 'widget reset');
      return { returnValue: 0 };
    },
  };
}

const ID_PREFIX = 'ACME:widget:';

function widgetIdOf(target: CIMInstanceName): string {
  const key = target.keybindings.get('InstanceID');
  if (typeof key !== 'string' || !key.startsWith(ID_PREFIX)) {
    throw new CIMError(CIMStatus.NOT_FOUND, `not a widget: ${target.toString()}`);
  }
  return key.slice(ID_PREFIX.length);
}

function toInstance(widget: Widget, resetCount: number): CIMInstance {
  const instanceId = `${ID_PREFIX}${widget.id}`;
  const properties: [string, CIMProperty][] = [
    ['InstanceID', cimProperty('InstanceID', 'string', instanceId)],
    ['ElementName', cimProperty('ElementName', 'string', widget.name)],
    ['SpinRate', cimProperty('SpinRate', 'uint32', widget.spinRate)],
    ['Condition', cimProperty('Condition', 'uint16', CONDITIONS[widget.condition] as CIMValue)],
    ['ResetCount', cimProperty('ResetCount', 'uint32', resetCount)],
  ];
  return new CIMInstance({
    classname: WIDGET_CLASS,
    properties: new NocaseMap(properties),
    path: new CIMInstanceName({ classname: WIDGET_CLASS, keybindings: { InstanceID: instanceId } }),
  });
}

/** The widgets of a parsed file; throws naming the first bad field. */
export function parseWidgets(data: unknown): Widget[] {
  const list = (data as { widgets?: unknown } | null)?.widgets;
  if (!Array.isArray(list)) throw new Error('expected an object with a "widgets" array');
  return list.map((item: unknown, i) => {
    const { id, name, spinRate, condition } = (item ?? {}) as Record<string, unknown>;
    const path = `widgets[${i}]`;
    if (typeof id !== 'string' || !/^[\w-]+$/.test(id)) throw new Error(`${path}.id: expected letters, digits, '_' or '-'`);
    if (typeof name !== 'string') throw new Error(`${path}.name: expected a string`);
    if (!Number.isInteger(spinRate) || (spinRate as number) < 0 || (spinRate as number) > 0xffffffff) {
      throw new Error(`${path}.spinRate: expected an integer from 0 to 4294967295`);
    }
    if (typeof condition !== 'string' || !(condition in CONDITIONS)) {
      throw new Error(`${path}.condition: expected one of ${Object.keys(CONDITIONS).join(', ')}`);
    }
    return { id, name, spinRate: spinRate as number, condition };
  });
}

/**
 * The folder of template.mof: next to this module in the source tree; from
 * the compiled module (dist/providers/template/), the source folder it was
 * built from.
 */
export function templateSchemaDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const found = [here, resolve(here, '../../../providers/template')].find((dir) => existsSync(join(dir, 'template.mof')));
  if (!found) throw new Error(`template.mof is neither in ${here} nor in the source tree it was built from`);
  return found;
}

export default defineProvider((options) => createWidgetProvider({ ...fileOptions(options, []), schemaDir: templateSchemaDir() }));
