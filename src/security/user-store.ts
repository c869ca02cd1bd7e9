/**
 * The users the server checks passwords against. Loaded from the users file
 * at start and again on `reload()` (the server calls it on SIGHUP).
 *
 * Successful checks are remembered for a short while so that monitoring tools
 * polling every few seconds do not pay an scrypt derivation (~0.1 s of a
 * core) per request. The trade-off: the memory holds, for `cacheTtlMs`, an
 * HMAC-SHA-256 of each recent (user, password) under a random key that lives
 * only in this process. Whoever can read the process memory can test guesses
 * against it at HMAC speed instead of scrypt speed, but such an attacker can
 * already read the passwords off incoming requests. Failures are never cached
 * (each costs a full check, and the limiter slows them), and `reload()`
 * forgets everything, so a changed password or removed user takes effect at
 * once on reload.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { DEFAULT_SCRYPT, type PasswordHash, type ScryptParams, unmatchableHash, verifyPassword } from './password.js';
import { TaskPool } from './pool.js';
import { checkUsersFileMode, readUsers, type Role, type UserRecord } from './users-file.js';

export interface AuthenticatedUser {
  name: string;
  role: Role;
}

export interface UserStoreOptions {
  /** How long a successful check is remembered; 0 turns the cache off (default 60 s). */
  cacheTtlMs?: number;
  /** Most remembered checks; the oldest is forgotten first (default 1024). */
  cacheEntries?: number;
  /** Password checks run at once (default 2); more wait their turn. */
  passwordChecks?: number;
  /** Hears that the file is readable by others (loading it goes on). */
  onWarning?: (message: string) => void;
  now?: () => number;
}

/** Counters for metrics, and to see the cache at work. */
export interface UserStoreStats {
  /** Checks answered from the cache. */
  cacheHits: number;
  /** scrypt derivations run (for known and unknown users alike). */
  derivations: number;
  /** Successful checks remembered now. */
  cached: number;
  /** Password checks running now (at most `passwordChecks`), and waiting for their turn. */
  checking: number;
  queued: number;
}

interface CacheEntry {
  user: AuthenticatedUser;
  expires: number;
}

export class UserStore {
  readonly file: string;
  #users: Map<string, UserRecord>;
  /** Checked against for unknown users, so that they cost the same time as known ones. */
  #decoy: PasswordHash;
  readonly #cacheKey = randomBytes(32);
  readonly #cache = new Map<string, CacheEntry>();
  /** Checks in progress, so that a burst of identical requests derives once. */
  readonly #pending = new Map<string, Promise<AuthenticatedUser | undefined>>();
  #hits = 0;
  #derivations = 0;
  /** Bumped by reload(), so that a check begun before it is not remembered after it. */
  #generation = 0;
  readonly #ttl: number;
  readonly #maxEntries: number;
  readonly #now: () => number;
  readonly #pool: TaskPool;
  readonly #onWarning: ((message: string) => void) | undefined;

  private constructor(file: string, users: Map<string, UserRecord>, decoy: PasswordHash, options: UserStoreOptions) {
    this.file = file;
    this.#users = users;
    this.#decoy = decoy;
    this.#ttl = options.cacheTtlMs ?? 60_000;
    this.#maxEntries = options.cacheEntries ?? 1024;
    this.#now = options.now ?? Date.now;
    this.#pool = new TaskPool(options.passwordChecks ?? 2);
    this.#onWarning = options.onWarning;
  }

  /** Loads `file` (a missing file means no users yet). Throws UsersFileError for a bad file. */
  static async open(file: string, options: UserStoreOptions = {}): Promise<UserStore> {
    const users = await readChecked(file, options.onWarning);
    return new UserStore(file, users, decoyFor(users), options);
  }

  /** Reads the file again and forgets remembered checks. On error the previous users stay in force. */
  async reload(): Promise<number> {
    const users = await readChecked(this.file, this.#onWarning);
    this.#decoy = decoyFor(users);
    this.#users = users;
    this.#generation++;
    this.#cache.clear();
    this.#pending.clear();
    return this.#users.size;
  }

  get size(): number {
    return this.#users.size;
  }

  stats(): UserStoreStats {
    return { cacheHits: this.#hits, derivations: this.#derivations, cached: this.#cache.size, checking: this.#pool.running, queued: this.#pool.waiting };
  }

  /** The role of a user of the file (for users mapped from client certificates). */
  roleOf(name: string): Role | undefined {
    return this.#users.get(name)?.role;
  }

  /**
   * The outcome of these credentials when they were verified a moment ago
   * (the cache) or are being verified right now; undefined when only a new
   * password check can tell. Either way it costs no derivation, so the
   * failure limiter need not count it.
   */
  remembered(name: string, password: string): Promise<AuthenticatedUser | undefined> | undefined {
    const key = this.#keyOf(name, password);
    const cached = this.#cache.get(key);
    if (cached && cached.expires > this.#now()) {
      this.#hits++;
      return Promise.resolve(cached.user);
    }
    if (cached) this.#cache.delete(key);
    return this.#pending.get(key);
  }

  /** The user, when the name and password match; undefined otherwise (unknown user or wrong password alike). */
  async verify(name: string, password: string): Promise<AuthenticatedUser | undefined> {
    const known = this.remembered(name, password);
    if (known) return known;
    const key = this.#keyOf(name, password);
    const pending = this.#pool.run(() => this.#check(name, password, key)).finally(() => this.#pending.delete(key));
    this.#pending.set(key, pending);
    return pending;
  }

  #keyOf(name: string, password: string): string {
    return createHmac('sha256', this.#cacheKey).update(name).update('\0').update(password).digest('base64');
  }

  async #check(name: string, password: string, key: string): Promise<AuthenticatedUser | undefined> {
    const generation = this.#generation;
    const record = this.#users.get(name);
    this.#derivations++;
    const ok = await verifyPassword(password, record?.hash ?? this.#decoy);
    if (!ok || !record) return undefined;
    const user = { name: record.name, role: record.role };
    if (generation === this.#generation) this.#remember(key, user);
    return user;
  }

  #remember(key: string, user: AuthenticatedUser): void {
    if (this.#ttl <= 0) return;
    if (this.#cache.size >= this.#maxEntries) {
      const oldest = this.#cache.keys().next();
      if (!oldest.done) this.#cache.delete(oldest.value);
    }
    this.#cache.set(key, { user, expires: this.#now() + this.#ttl });
  }
}

/** The users of `file`, once its mode passed checkUsersFileMode. */
async function readChecked(file: string, onWarning: ((message: string) => void) | undefined): Promise<Map<string, UserRecord>> {
  const warning = await checkUsersFileMode(file);
  if (warning) onWarning?.(warning);
  return readUsers(file);
}

/**
 * A hash with the cost parameters of the file's first user (the default ones
 * for an empty file) that no password matches, so that checking an unknown
 * name takes as long as checking a known one.
 */
function decoyFor(users: Map<string, UserRecord>): PasswordHash {
  const first = users.values().next();
  const params: ScryptParams = first.done ? DEFAULT_SCRYPT : { N: first.value.hash.N, r: first.value.hash.r, p: first.value.hash.p };
  return unmatchableHash(params);
}
