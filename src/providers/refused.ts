/**
 * What is served in place of the items a sample had invalid (acceptSnapshot),
 * so that the model stays whole:
 *
 * - An item the sample before served is served again as it was then, lost:
 *   Lost Communication with its last reading, as a reading that fails. A
 *   sensor that vanishes says nothing to the admin watching it; one that is
 *   lost says something is wrong, and its provider's state says what.
 * - Every reference to an item that is not served is dropped, not the item
 *   that holds it: every reference of the contract is optional (a sensor's
 *   `monitors`, a fan's `speedSensor`, a supply's `sensors`, a device's
 *   `redundancyGroup`), and the item without it is still a whole instance,
 *   its readings and alarms still served, only not associated. Dropping a
 *   reference refuses nothing further, so nothing cascades.
 */
import type { HardwareSnapshot, MonitoredElement, NumericSensor } from '../model/snapshot.js';
import { ID_SPACES, isValidItem, type ItemList, type RefusedItem, type SnapshotLimits } from './validate.js';

/** The snapshot to serve, and its items served from the sample before, each with why it is lost. */
export interface Settled {
  readonly snapshot: HardwareSnapshot;
  readonly lost: ReadonlyMap<object, string>;
}

type Lists = Partial<Record<ItemList, { id: string }[]>>;

/**
 * Settles the refused items of `accepted` (the sample without them) against
 * `previous`, the snapshot served before. Run only when some were refused.
 */
export function settleRefused(
  accepted: HardwareSnapshot, refused: readonly RefusedItem[], previous: HardwareSnapshot | undefined, limits: SnapshotLimits,
): Settled {
  const snapshot = { ...accepted } as Lists;
  /** Why each item served again is lost, by id key: dropping references copies items, so they are marked after. */
  const reasons = new Map<string, string>();
  const served = servedIds(snapshot);
  const before = new Earlier(previous);
  const grown = new Set<ItemList>();
  for (const item of refused) {
    const again = item.id === undefined || served.has(idKey(item.list, item.id)) ? undefined : before.again(item, limits);
    if (again === undefined) continue;
    if (!grown.has(item.list)) snapshot[item.list] = [...(snapshot[item.list] ?? [])];
    grown.add(item.list);
    snapshot[item.list]!.push(again);
    served.add(idKey(item.list, again.id));
    reasons.set(idKey(item.list, again.id), `invalid in the provider's sample (${item.field.slice(1) || 'the item'})`);
  }
  const settled = dropReferences(snapshot as HardwareSnapshot, missingIds(refused, served));
  return { snapshot: settled, lost: lostItems(settled as Lists, grown, reasons) };
}

/** The items served again, as finally served, each with why it is lost (ids are unique in their space by now). */
function lostItems(snapshot: Lists, grown: ReadonlySet<ItemList>, reasons: ReadonlyMap<string, string>): Map<object, string> {
  const lost = new Map<object, string>();
  for (const list of grown) {
    for (const item of snapshot[list]!) {
      const reason = reasons.get(idKey(list, item.id));
      if (reason !== undefined) lost.set(item, reason);
    }
  }
  return lost;
}

/** The items of the snapshot served before, found by id (each list indexed when first asked). */
class Earlier {
  readonly #previous: Lists | undefined;
  readonly #byId = new Map<ItemList, Map<string, { id: string }>>();

  constructor(previous: HardwareSnapshot | undefined) {
    this.#previous = previous as Lists | undefined;
  }

  /** The item with the refused one's id, as served again, if it is still valid. */
  again(refused: RefusedItem, limits: SnapshotLimits): { id: string } | undefined {
    const before = this.#list(refused.list).get(refused.id!);
    if (before === undefined) return undefined;
    // Without its reading, the model serves the last one, lost since now, as for a reading that fails.
    const again = refused.list === 'sensors' ? { ...(before as NumericSensor), value: null } : before;
    // A provider that changes its items in place may have spoilt it since.
    return isValidItem(refused.list, again, limits) ? again : undefined;
  }

  #list(list: ItemList): Map<string, { id: string }> {
    let byId = this.#byId.get(list);
    if (byId === undefined) {
      byId = new Map((this.#previous?.[list] ?? []).map((item) => [item.id, item]));
      this.#byId.set(list, byId);
    }
    return byId;
  }
}

/** The space of ids a list's items are in: its first list. */
const SPACE = new Map<ItemList, ItemList>(ID_SPACES.flatMap((lists) => lists.map((list) => [list, lists[0]!] as const)));

function idKey(list: ItemList, id: string): string {
  return `${SPACE.get(list)}\u0000${id}`;
}

function servedIds(snapshot: Lists): Set<string> {
  const ids = new Set<string>();
  for (const [list, items] of Object.entries(snapshot) as [ItemList, { id: string }[] | undefined][]) {
    if (SPACE.has(list)) for (const item of items ?? []) ids.add(idKey(list, item.id));
  }
  return ids;
}

/** The ids of refused items that are not served after all. */
function missingIds(refused: readonly RefusedItem[], served: ReadonlySet<string>): Set<string> {
  const missing = new Set<string>();
  for (const { list, id } of refused) {
    if (id !== undefined && !served.has(idKey(list, id))) missing.add(idKey(list, id));
  }
  return missing;
}

/** The list of the elements a sensor's `monitors` may name; the system is always there. */
const MONITORED: Readonly<Record<MonitoredElement['kind'], ItemList | undefined>> = {
  fan: 'fans', powerSupply: 'powerSupplies', processor: 'processors', memory: 'memory', battery: 'batteries', chassis: 'chassis', system: undefined,
};

/** The snapshot with every reference to a missing id left out of the item that holds it. */
function dropReferences(snapshot: HardwareSnapshot, missing: ReadonlySet<string>): HardwareSnapshot {
  if (missing.size === 0) return snapshot;
  const gone = (list: ItemList | undefined, id: string | undefined) => list !== undefined && id !== undefined && missing.has(idKey(list, id));
  const monitoring = <T extends { monitors?: MonitoredElement }>(sensor: T): T =>
    gone(MONITORED[sensor.monitors?.kind ?? 'system'], sensor.monitors?.id) ? omit(sensor, 'monitors') : sensor;
  const grouped = <T extends { redundancyGroup?: string }>(device: T): T =>
    gone('redundancy', device.redundancyGroup) ? omit(device, 'redundancyGroup') : device;
  const { sensors, discreteSensors, fans, powerSupplies } = snapshot;
  const settled = { ...snapshot };
  if (sensors) settled.sensors = sensors.map(monitoring);
  if (discreteSensors) settled.discreteSensors = discreteSensors.map(monitoring);
  if (fans) settled.fans = fans.map((fan) => grouped(gone('sensors', fan.speedSensor) ? omit(fan, 'speedSensor') : fan));
  if (powerSupplies) {
    settled.powerSupplies = powerSupplies.map((psu) => {
      const measured = psu.sensors?.filter((id) => !gone('sensors', id));
      return grouped(measured?.length === psu.sensors?.length ? psu : { ...psu, sensors: measured });
    });
  }
  return settled;
}

function omit<T, K extends keyof T>(item: T, key: K): T {
  const copy = { ...item };
  delete copy[key];
  return copy;
}
