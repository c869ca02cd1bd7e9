/**
 * thincim's own SNMPv3 engine, authoritative for the traps it sends (RFC
 * 3414 §2.2): snmpEngineBoots counts its starts and is kept in the state
 * folder, snmpEngineTime counts the seconds since this start. A receiver
 * caches both per engine ID and refuses a trap outside its time window, so
 * a trap must carry the real values: never 0 and 0, never a count that goes
 * back after a restart.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../security/files.js';

/** Where the boots count lives, under the state folder: a decimal number. */
export const BOOTS_FILE = 'snmp-engine-boots';

/** snmpEngineBoots and snmpEngineTime are at most 2^31 - 1 (RFC 3414 §2.2.2). */
const MAX = 2 ** 31 - 1;

export interface EngineTime {
  readonly boots: number;
  readonly time: number;
}

export interface SnmpEngine {
  /** The engine ID, in hex. */
  readonly id: string;
  /** snmpEngineBoots and snmpEngineTime now. */
  clock(): EngineTime;
}

interface EngineLogger {
  warn(obj: object, msg: string): void;
}

export function startEngine(id: string, boots: number, now: () => number = () => performance.now()): SnmpEngine {
  const started = now();
  return { id, clock: () => engineTime(boots, Math.floor((now() - started) / 1000)) };
}

/** RFC 3414 §2.2.2: past 2^31 - 1 seconds the time starts again at 0 and the boots count goes up; at its maximum it stays. */
export function engineTime(boots: number, seconds: number): EngineTime {
  return { boots: Math.min(boots + Math.floor(seconds / (MAX + 1)), MAX), time: seconds % (MAX + 1) };
}

/**
 * Counts this start: the count kept in `stateDir`, plus one, written back
 * atomically. A folder that cannot be read or written costs the count its
 * memory, not the start: the count of this start is still at least 1, and
 * the warning says what receivers may do about it.
 */
export async function countBoot(stateDir: string, logger: EngineLogger): Promise<number> {
  const file = join(stateDir, BOOTS_FILE);
  const boots = Math.min((await readBoots(file, logger)) + 1, MAX);
  try {
    await writeFileAtomic(file, `${boots}\n`, { mode: 0o644 });
  } catch (err) {
    logger.warn({ file, err: { message: (err as Error).message } },
      `cannot keep the SNMPv3 engine boots count in ${file}: this start counts ${boots}, and the next may count the same or less; receivers of v3 traps may refuse them as outside the time window until they forget thincim's engine (or set snmp.engineId anew)`);
  }
  return boots;
}

/** The count of the previous starts; 0 when there is none yet or it cannot be read. */
async function readBoots(file: string, logger: EngineLogger): Promise<number> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') logger.warn({ file, err: { message: (err as Error).message } }, 'cannot read the SNMPv3 engine boots count; counting from 0');
    return 0;
  }
  const boots = Number(text.trim());
  if (Number.isInteger(boots) && boots >= 0) return boots;
  logger.warn({ file }, 'the SNMPv3 engine boots count is not a number; counting from 0');
  return 0;
}
