/**
 * Scenario files checked: against scenario.schema.json (by code ajv
 * generated ahead of time), then for what a schema cannot say (unique ids,
 * references between lists, threshold order); every error names its JSON
 * path. Loaded only when a scenario file is given (280 KB of source).
 */
import { readFile, stat } from 'node:fs/promises';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { invertedRanges } from '../../src/model/ranges.js';
import type { MonitoredElement, ThresholdName } from '../../src/model/snapshot.js';
import { parseJsonText } from './json-text.js';
import { unitProblem } from '../../src/providers/validate.js';
import {
  DEFAULT_MAX_SCENARIO_BYTES, DEVICE_KINDS, ScenarioError, deepFreeze, type Scenario, type ScenarioEvent, type ScenarioRedundancy,
} from './scenario.js';
import generatedValidator from './validate-scenario.generated.js';

/** Reads, parses and checks a scenario file. */
export async function loadScenario(file: string, maxBytes = DEFAULT_MAX_SCENARIO_BYTES): Promise<Scenario> {
  let text: string;
  try {
    const { size } = await stat(file);
    if (size > maxBytes) throw new ScenarioError('TOO_LARGE', '$', `the file has ${size} bytes, more than the ${maxBytes} allowed (maxScenarioBytes)`, file);
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (error instanceof ScenarioError) throw error;
    throw new ScenarioError('READ', '$', `cannot read the scenario: ${(error as Error).message}`, file);
  }
  return parseScenario(text, file);
}

/** Parses and checks the text of a scenario; a syntax error names its line and column. */
export function parseScenario(text: string, file?: string): Scenario {
  const parsed = parseJsonText(text);
  if (!parsed.ok) {
    const { line, column, message } = parsed.problem;
    throw new ScenarioError('SYNTAX', `line ${line}, column ${column}`, message, file);
  }
  return validateScenario(parsed.value, file);
}

/** The schema's check, generated ahead of time (test/config/validator.test.ts): no ajv compiler at run time. */
const checkSchema = generatedValidator as ValidateFunction<Scenario>;

/**
 * Checks a parsed scenario against the schema and its cross-references;
 * returns it typed and deeply frozen (snapshots share its parts, so nothing
 * may change it).
 */
export function validateScenario(data: unknown, file?: string): Scenario {
  if (!checkSchema(data)) {
    const error = checkSchema.errors![0]!;
    throw new ScenarioError('SCHEMA', jsonPath(error), schemaMessage(error), file);
  }
  const problem = new ReferenceChecker(data).firstProblem();
  if (problem) throw new ScenarioError('REFERENCE', problem.path, problem.message, file);
  return deepFreeze(data);
}

/** `/sensors/3/kind` → `$.sensors[3].kind`. */
function jsonPath(error: ErrorObject): string {
  const segments = error.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  return '$' + segments.map((s) => (/^\d+$/.test(s) ? `[${s}]` : /^[A-Za-z_$][\w$]*$/.test(s) ? `.${s}` : `[${JSON.stringify(s)}]`)).join('');
}

function schemaMessage(error: ErrorObject): string {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': return `unknown property "${String(p.additionalProperty)}"`;
    case 'required': return `missing property "${String(p.missingProperty)}"`;
    case 'enum': return `must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    default: return error.message ?? `fails ${error.keyword}`;
  }
}

interface Problem {
  path: string;
  message: string;
}

const LISTS = ['chassis', 'boards', 'firmware', 'sensors', 'discreteSensors', 'fans', 'powerSupplies', 'processors', 'memory', 'batteries', 'redundancy'] as const;

/** The list each kind of monitored element or event target lives in. */
const LIST_OF = {
  fan: 'fans', powerSupply: 'powerSupplies', processor: 'processors', memory: 'memory', battery: 'batteries', chassis: 'chassis',
} as const;

/** Threshold names from lowest to highest: their values must not decrease in this order. */
const THRESHOLD_ORDER: readonly ThresholdName[] = ['lowerFatal', 'lowerCritical', 'lowerNonCritical', 'upperNonCritical', 'upperCritical', 'upperFatal'];

/** The checks a schema cannot express; the first problem found, in document order. */
class ReferenceChecker {
  readonly #scenario: Scenario;
  readonly #ids = new Map<string, Set<string>>();

  constructor(scenario: Scenario) {
    this.#scenario = scenario;
  }

  firstProblem(): Problem | undefined {
    return this.#uniqueIds() ?? this.#sensors() ?? this.#discreteSensors() ?? this.#devices() ?? this.#events();
  }

  #has(list: string, id: string): boolean {
    return this.#ids.get(list)?.has(id) ?? false;
  }

  #uniqueIds(): Problem | undefined {
    for (const list of LISTS) {
      const ids = new Set<string>();
      this.#ids.set(list, ids);
      const items: readonly { id: string }[] = this.#scenario[list] ?? [];
      for (const [i, item] of items.entries()) {
        if (ids.has(item.id)) return { path: `$.${list}[${i}].id`, message: `duplicate id "${item.id}"` };
        ids.add(item.id);
      }
    }
    return undefined;
  }

  #sensors(): Problem | undefined {
    for (const [i, sensor] of (this.#scenario.sensors ?? []).entries()) {
      const path = `$.sensors[${i}]`;
      const order = THRESHOLD_ORDER.filter((name) => sensor.thresholds?.[name] !== undefined);
      for (let k = 1; k < order.length; k++) {
        const [low, high] = [order[k - 1]!, order[k]!];
        // A lower threshold must be below an upper one (validateSnapshot); on one side, equal is fine.
        const strict = low.startsWith('lower') && high.startsWith('upper');
        if (strict ? sensor.thresholds![low]! >= sensor.thresholds![high]! : sensor.thresholds![low]! > sensor.thresholds![high]!) {
          return { path: `${path}.thresholds.${high}`, message: `${high} (${sensor.thresholds![high]}) is ${strict ? 'not above' : 'below'} ${low} (${sensor.thresholds![low]})` };
        }
      }
      // The model would drop an inverted range with a problem; a scenario is written by hand, so it is told where.
      const [inverted] = invertedRanges(sensor.ranges);
      if (inverted) {
        const [min, max] = inverted;
        return { path: `${path}.ranges.${max}`, message: `${max} (${sensor.ranges![max]}) is below ${min} (${sensor.ranges![min]})` };
      }
      const wrongUnit = unitProblem(sensor.kind, sensor.unit);
      if (wrongUnit) return { path: `${path}.unit`, message: wrongUnit };
      const unset = sensor.settable?.findIndex((name) => sensor.thresholds?.[name] === undefined) ?? -1;
      if (unset >= 0) return { path: `${path}.settable[${unset}]`, message: `threshold "${sensor.settable![unset]}" has no value` };
      const monitors = this.#monitors(`${path}.monitors`, sensor.monitors);
      if (monitors) return monitors;
    }
    return undefined;
  }

  #discreteSensors(): Problem | undefined {
    for (const [i, sensor] of (this.#scenario.discreteSensors ?? []).entries()) {
      const path = `$.discreteSensors[${i}]`;
      if (!sensor.possibleStates.includes(sensor.state)) return { path: `${path}.state`, message: `"${sensor.state}" is not one of possibleStates` };
      const monitors = this.#monitors(`${path}.monitors`, sensor.monitors);
      if (monitors) return monitors;
    }
    return undefined;
  }

  #monitors(path: string, monitors: MonitoredElement | undefined): Problem | undefined {
    if (monitors === undefined || monitors.kind === 'system') return undefined;
    return this.#has(LIST_OF[monitors.kind], monitors.id) ? undefined : { path: `${path}.id`, message: `no ${monitors.kind} with id "${monitors.id}"` };
  }

  #devices(): Problem | undefined {
    for (const [i, fan] of (this.#scenario.fans ?? []).entries()) {
      if (fan.speedSensor !== undefined && !this.#has('sensors', fan.speedSensor)) {
        return { path: `$.fans[${i}].speedSensor`, message: `no sensor with id "${fan.speedSensor}"` };
      }
      const group = this.#group(`$.fans[${i}].redundancyGroup`, fan.redundancyGroup, 'fan');
      if (group) return group;
    }
    for (const [i, psu] of (this.#scenario.powerSupplies ?? []).entries()) {
      const unknown = psu.sensors?.findIndex((id) => !this.#has('sensors', id)) ?? -1;
      if (unknown >= 0) return { path: `$.powerSupplies[${i}].sensors[${unknown}]`, message: `no sensor with id "${psu.sensors![unknown]}"` };
      const group = this.#group(`$.powerSupplies[${i}].redundancyGroup`, psu.redundancyGroup, 'powerSupply');
      if (group) return group;
    }
    return undefined;
  }

  #group(path: string, id: string | undefined, kind: ScenarioRedundancy['kind']): Problem | undefined {
    if (id === undefined) return undefined;
    const group = this.#scenario.redundancy?.find((g) => g.id === id);
    if (group === undefined) return { path, message: `no redundancy group with id "${id}"` };
    return group.kind === kind ? undefined : { path, message: `redundancy group "${id}" is of kind ${group.kind}, not ${kind}` };
  }

  #events(): Problem | undefined {
    for (const [i, event] of (this.#scenario.timeline?.events ?? []).entries()) {
      const problem = this.#event(`$.timeline.events[${i}]`, event);
      if (problem) return problem;
    }
    return undefined;
  }

  #event(path: string, event: ScenarioEvent): Problem | undefined {
    if ('sensor' in event) {
      if (!this.#has('sensors', event.sensor)) return { path: `${path}.sensor`, message: `no sensor with id "${event.sensor}"` };
      const actions = ['value', 'restore', 'unavailable'].filter((k) => k in event);
      return actions.length === 1 ? undefined : { path, message: 'a sensor event has exactly one of "value", "restore", "unavailable"' };
    }
    if ('discreteSensor' in event) {
      const sensor = this.#scenario.discreteSensors?.find((s) => s.id === event.discreteSensor);
      if (sensor === undefined) return { path: `${path}.discreteSensor`, message: `no discrete sensor with id "${event.discreteSensor}"` };
      return sensor.possibleStates.includes(event.state) ? undefined : { path: `${path}.state`, message: `"${event.state}" is not one of the sensor's possibleStates` };
    }
    const targets = DEVICE_KINDS.filter((kind) => kind in event);
    if (targets.length !== 1) return { path, message: `an event names exactly one target: sensor, discreteSensor, ${DEVICE_KINDS.join(', ')}` };
    const kind = targets[0]!;
    const id = event[kind]!;
    return this.#has(LIST_OF[kind], id) ? undefined : { path: `${path}.${kind}`, message: `no ${kind} with id "${id}"` };
  }
}
