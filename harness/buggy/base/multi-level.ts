/**
 * The correct `multi-level` implementation that the buggy variants in `harness/buggy/multi-level/`
 * extend: the reference solution's logic, cut into small `protected` hooks.
 *
 * A get reads L1 (`isLive`); on a miss it joins the load in flight for the key or starts one
 * (`loadShared`: single-flight, under the key's lock via `exclusive`). A load re-reads L1, then
 * reads L2 (`loadBelowL1`), copying a hit into L1 (`fillL1FromL2`, expiry from `copyExpiry`), else
 * the database (`readDb`), putting a value in L2 (ttlMs from `l2TtlArgument`) and L1. Writes run
 * under the same lock (`writeAll`, `deleteAll`) and end with `finishWrite`, which rethrows the
 * first level error. A level error on the read path goes to `onReadError`.
 *
 * @module
 */
import { systemClock, type CacheStore, type Clock, type Database } from '../../../exercises/workbook.js';
import { KeyLock } from '../../../solutions/key-lock.js';
import type { LevelEntry, MemoryLevel, Level, MultiLevelCacheOptions } from '../../../solutions/multi-level.js';
// The contract's types are the reference's: only the implementation below differs.
export type { LevelEntry, MemoryLevel, Level, MultiLevelCacheOptions };

export type Operation = 'get' | 'set' | 'delete';

/** A level call that failed, as `{ error }`, or undefined. */
export type Outcome = { error: unknown } | undefined;

function hasMethods(o: unknown, names: readonly string[]): boolean {
  return typeof o === 'object' && o !== null && names.every((n) => typeof (o as Record<string, unknown>)[n] === 'function');
}

function checkKey(key: unknown): asserts key is string {
  if (typeof key !== 'string') throw new TypeError(`key must be a string, got ${typeof key}`);
}

export class MultiLevelCache<V> {
  protected readonly l1: MemoryLevel<LevelEntry<V>>;
  protected readonly l2: CacheStore<LevelEntry<V>>;
  protected readonly db: Database<V>;
  protected readonly l1TtlMs: number;
  protected readonly l2TtlMs: number;
  protected readonly clock: Clock;
  protected readonly report: (error: unknown, level: Level, operation: Operation, key: string) => void;
  protected readonly lock = new KeyLock();
  protected readonly loads = new Map<string, Promise<V | undefined>>();

  constructor(options: MultiLevelCacheOptions<V>) {
    if (typeof options !== 'object' || options === null) throw new TypeError('options must be an object');
    const { l1, l2, db, l1TtlMs, l2TtlMs, clock = systemClock, onLevelError = () => {} } = options;
    if (!hasMethods(l1, ['get', 'set', 'delete'])) throw new TypeError('options.l1 must have get, set and delete methods');
    if (!hasMethods(l2, ['get', 'set', 'delete'])) throw new TypeError('options.l2 must have get, set and delete methods');
    if (!hasMethods(db, ['get', 'set', 'delete'])) throw new TypeError('options.db must have get, set and delete methods');
    for (const [name, ms] of [['l1TtlMs', l1TtlMs], ['l2TtlMs', l2TtlMs]] as const) {
      if (typeof ms !== 'number' || !(ms > 0 && Number.isFinite(ms))) throw new RangeError(`options.${name} must be a positive finite number`);
    }
    if (!hasMethods(clock, ['now'])) throw new TypeError('options.clock must have a now() method');
    if (typeof onLevelError !== 'function') throw new TypeError('options.onLevelError must be a function');
    this.l1 = l1;
    this.l2 = l2;
    this.db = db;
    this.l1TtlMs = l1TtlMs;
    this.l2TtlMs = l2TtlMs;
    this.clock = clock;
    this.report = onLevelError;
  }

  async get(key: string): Promise<V | undefined> {
    checkKey(key);
    const hit = this.l1Live(key);
    if (hit !== undefined) return hit.value;
    return this.loadShared(key);
  }

  async set(key: string, value: V): Promise<void> {
    checkKey(key);
    if (value === undefined) throw new TypeError('value must not be undefined');
    await this.exclusive(key, () => this.writeAll(key, value));
  }

  async delete(key: string): Promise<void> {
    checkKey(key);
    await this.exclusive(key, () => this.deleteAll(key));
  }

  /** Whether an entry is live at `now`. */
  protected isLive(entry: LevelEntry<V>, now: number): boolean {
    return now < entry.expiresAt;
  }

  /** The expiry of an L1 copy of an entry that expires at `sourceExpiresAt`. */
  protected copyExpiry(now: number, sourceExpiresAt: number): number {
    return Math.min(now + this.l1TtlMs, sourceExpiresAt);
  }

  /** The ttlMs passed to l2.set. */
  protected l2TtlArgument(): number {
    return this.l2TtlMs;
  }

  /** Runs the loads and writes of a key one at a time. */
  protected exclusive<T>(key: string, task: () => Promise<T>): Promise<T> {
    return this.lock.run(key, task);
  }

  /** An L1 miss: joins the load in flight for `key`, or starts one. */
  protected loadShared(key: string): Promise<V | undefined> {
    const shared = this.loads.get(key);
    if (shared !== undefined) return shared;
    const load: Promise<V | undefined> = this.exclusive(key, () =>
      this.load(key).finally(() => {
        if (this.loads.get(key) === load) this.loads.delete(key);
      }),
    );
    this.loads.set(key, load);
    return load;
  }

  /** A load: L1 again (a write may have filled it meanwhile), then below it. */
  protected async load(key: string): Promise<V | undefined> {
    const hit = this.l1Live(key);
    if (hit !== undefined) return hit.value;
    return this.loadBelowL1(key);
  }

  /** L2, else the database; copies what was found into the faster levels. */
  protected async loadBelowL1(key: string): Promise<V | undefined> {
    let shared: LevelEntry<V> | undefined;
    try {
      shared = await this.l2.get(key);
    } catch (error) {
      this.onReadError(error, 'l2', 'get', key);
    }
    const now = this.clock.now();
    if (shared !== undefined && this.isLive(shared, now)) {
      await this.fillL1FromL2(key, shared, now);
      return shared.value;
    }
    const value = await this.readDb(key);
    if (value === undefined) return undefined;
    const inL2: LevelEntry<V> = { value, expiresAt: now + this.l2TtlMs };
    const failedL2 = await this.attempt('l2', 'set', key, () => this.l2.set(key, inL2, this.l2TtlArgument()));
    if (failedL2 !== undefined) this.onReadError(failedL2.error, 'l2', 'set', key, true);
    const failedL1 = await this.attempt('l1', 'set', key, () => this.l1.set(key, { value, expiresAt: this.copyExpiry(now, inL2.expiresAt) }));
    if (failedL1 !== undefined) this.onReadError(failedL1.error, 'l1', 'set', key, true);
    return value;
  }

  /** Copies a live L2 hit into L1. */
  protected async fillL1FromL2(key: string, shared: LevelEntry<V>, now: number): Promise<void> {
    const failed = await this.attempt('l1', 'set', key, () => this.l1.set(key, { value: shared.value, expiresAt: this.copyExpiry(now, shared.expiresAt) }));
    if (failed !== undefined) this.onReadError(failed.error, 'l1', 'set', key, true);
  }

  /** The database read of a load. */
  protected readDb(key: string): Promise<V | undefined> {
    return this.db.get(key);
  }

  /** A level error on the read path: reported and skipped (`reported` when attempt() already reported it). */
  protected onReadError(error: unknown, level: Level, operation: Operation, key: string, reported = false): void {
    if (!reported) this.report(error, level, operation, key);
  }

  /** set: the database, then L2, then L1. */
  protected async writeAll(key: string, value: V): Promise<void> {
    await this.db.set(key, value);
    const now = this.clock.now();
    const inL2: LevelEntry<V> = { value, expiresAt: now + this.l2TtlMs };
    const l2 = await this.attempt('l2', 'set', key, () => this.l2.set(key, inL2, this.l2TtlArgument()));
    const l1 = await this.attempt('l1', 'set', key, () => this.l1.set(key, { value, expiresAt: this.copyExpiry(now, inL2.expiresAt) }));
    this.finishWrite([l2, l1]);
  }

  /** delete: the database, then L2, then L1. */
  protected async deleteAll(key: string): Promise<void> {
    await this.db.delete(key);
    const l2 = await this.attempt('l2', 'delete', key, () => this.l2.delete(key));
    const l1 = await this.attempt('l1', 'delete', key, () => this.l1.delete(key));
    this.finishWrite([l2, l1]);
  }

  /** After a write: rethrows the first level error. */
  protected finishWrite(outcomes: readonly Outcome[]): void {
    const failed = outcomes.find((o) => o !== undefined);
    if (failed !== undefined) throw failed.error;
  }

  /** The live L1 entry of `key`, or undefined (an L1 error is a miss). */
  protected l1Live(key: string): LevelEntry<V> | undefined {
    try {
      const entry = this.l1.get(key);
      return entry !== undefined && this.isLive(entry, this.clock.now()) ? entry : undefined;
    } catch (error) {
      this.onReadError(error, 'l1', 'get', key);
      return undefined;
    }
  }

  /** Runs one level call; a failure is reported and returned, never thrown. */
  protected async attempt(level: Level, operation: Operation, key: string, call: () => unknown): Promise<Outcome> {
    try {
      await call();
      return undefined;
    } catch (error) {
      this.report(error, level, operation, key);
      return { error };
    }
  }
}
