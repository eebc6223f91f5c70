/**
 * Reference solution for the `replicated-cache` exercise: every value on several nodes, with a
 * write quorum, versioned reads, failover and catch-up of recovered nodes.
 *
 * Each write takes the next number of one counter and is sent, as a Versioned entry (a value or a
 * tombstone), to every node in rotation at once; it resolves when writeQuorum of them confirmed
 * it and rejects as soon as too few can. The client remembers, per key, the latest acknowledged
 * entry, and per node the highest version each node confirmed of each key.
 *
 * A read asks the nodes in rotation in order and takes the first answer whose version is at least
 * the latest acknowledged one: a node that missed a write (or applied two writes out of order)
 * is skipped, never served. A node that fails any call leaves rotation at once. A timer probes
 * the nodes out of rotation; one that answers is written every acknowledged entry it has not
 * confirmed, and returns to rotation only when all of them succeeded.
 *
 * @module
 */
import { systemClock, systemScheduler, type CacheStore, type Clock, type Scheduler, type TimerHandle } from '../exercises/workbook.js';
import { checkClock, checkFunction, checkKey, checkMethods, checkNumber, checkOptions, checkValue, describe } from './arguments.js';

const STORE_METHODS = ['get', 'set', 'delete'] as const;

/** What a node stores under a key: a value or a tombstone, with the version of the write. */
export type Versioned<V> = { value: V; version: number } | { deleted: true; version: number };

/** Options for {@link ReplicatedCache}. */
export interface ReplicatedCacheOptions<V> {
  nodes: Record<string, CacheStore<Versioned<V>>>;
  writeQuorum?: number;
  clock?: Clock;
  scheduler?: Scheduler;
  healthCheckIntervalMs?: number;
  onNodeError?: (error: unknown, node: string) => void;
}

interface Acked<V> {
  entry: Versioned<V>;
  expiresAt: number;
}

const PROBE_KEY = '__replicated-cache:probe__';

/** A client that writes every value to several nodes and reads from the first one that is current. */
export class ReplicatedCache<V> {
  protected readonly names: string[];
  protected readonly stores = new Map<string, CacheStore<Versioned<V>>>();
  protected readonly inRotation = new Set<string>();
  /** The highest version each node has confirmed, by key. */
  protected readonly confirmed = new Map<string, Map<string, number>>();
  protected readonly acked = new Map<string, Acked<V>>();
  protected readonly quorum: number;
  protected readonly clock: Clock;
  protected readonly scheduler: Scheduler;
  protected readonly interval: number;
  protected readonly onNodeError: (error: unknown, node: string) => void;
  protected version = 0;
  protected timer: TimerHandle | undefined;
  protected closed = false;
  protected readonly checking = new Set<string>();

  constructor(options: ReplicatedCacheOptions<V>) {
    checkOptions(options, 'ReplicatedCache');
    const { nodes, writeQuorum, clock, scheduler, healthCheckIntervalMs = 1000, onNodeError = () => undefined } = options;
    if (typeof nodes !== 'object' || nodes === null) throw new TypeError(`ReplicatedCache: nodes must be an object of stores by name, got ${describe(nodes)}`);
    const entries = Object.entries(nodes);
    if (entries.length === 0) throw new RangeError('ReplicatedCache: nodes must have at least one store');
    for (const [name, store] of entries) checkMethods(store, `nodes[${JSON.stringify(name)}]`, 'ReplicatedCache', 'a CacheStore', STORE_METHODS);
    const n = entries.length;
    const quorum = writeQuorum ?? this.defaultQuorum(n);
    checkNumber(quorum, 'writeQuorum', 'ReplicatedCache', `a safe integer from 1 to the number of nodes (${n})`, (q) => Number.isSafeInteger(q) && q >= 1 && q <= n);
    checkNumber(healthCheckIntervalMs, 'healthCheckIntervalMs', 'ReplicatedCache', 'a positive finite number', (ms) => ms > 0 && Number.isFinite(ms));
    checkFunction(onNodeError, 'onNodeError', 'ReplicatedCache');
    checkClock(clock, 'ReplicatedCache');
    if (scheduler !== undefined) checkMethods(scheduler, 'scheduler', 'ReplicatedCache', 'a Scheduler', ['setTimeout', 'clearTimeout']);
    this.names = entries.map(([name]) => name);
    for (const [name, store] of entries) {
      this.stores.set(name, store);
      this.inRotation.add(name);
      this.confirmed.set(name, new Map());
    }
    this.quorum = quorum;
    this.clock = clock ?? systemClock;
    this.scheduler = scheduler ?? systemScheduler;
    this.interval = healthCheckIntervalMs;
    this.onNodeError = onNodeError;
    this.schedule();
  }

  protected defaultQuorum(n: number): number {
    return Math.floor(n / 2) + 1;
  }

  /** How many acknowledgements the write needs. */
  protected needed(): number {
    return this.quorum;
  }

  /** The value of `key` from the first node in rotation whose answer is current; rejects when none is. */
  async get(key: string): Promise<V | undefined> {
    checkKey(key, 'ReplicatedCache.get');
    for (const name of this.readOrder()) {
      if (!this.inRotation.has(name)) continue;
      let answer: Versioned<V> | undefined;
      try {
        answer = await this.stores.get(name)!.get(key);
      } catch (error) {
        if (this.failedRead(error, name)) continue;
        throw error;
      }
      if (!this.usable(key, answer)) continue;
      return answer === undefined || 'deleted' in answer ? undefined : answer.value;
    }
    throw new Error(`ReplicatedCache.get: no node in rotation has the latest acknowledged version of ${JSON.stringify(key)}`);
  }

  protected readOrder(): string[] {
    return this.names;
  }

  /** Takes the node out of rotation; returns whether to go on with the next node. */
  protected failedRead(error: unknown, name: string): boolean {
    this.fail(name, error);
    return true;
  }

  /** Whether a node's answer is at least as new as the latest acknowledged write of `key`. */
  protected usable(key: string, answer: Versioned<V> | undefined): boolean {
    const latest = this.acked.get(key)?.entry.version ?? 0;
    if (answer === undefined) return latest === 0;
    return typeof answer.version === 'number' && answer.version >= latest;
  }

  /** Writes `{ value, version }` to every node in rotation; resolves once writeQuorum have it. */
  set(key: string, value: V, ttlMs?: number): Promise<void> {
    try {
      checkKey(key, 'ReplicatedCache.set');
      checkValue(value, 'ReplicatedCache.set');
    } catch (error) {
      return Promise.reject(error as Error);
    }
    return this.write(key, { value, version: ++this.version }, ttlMs);
  }

  /** Writes a tombstone to every node in rotation; resolves once writeQuorum have it. */
  delete(key: string): Promise<void> {
    try {
      checkKey(key, 'ReplicatedCache.delete');
    } catch (error) {
      return Promise.reject(error as Error);
    }
    return this.write(key, { deleted: true, version: ++this.version }, undefined);
  }

  protected write(key: string, entry: Versioned<V>, ttlMs: number | undefined): Promise<void> {
    const targets = this.writeTargets();
    const needed = this.needed();
    return new Promise<void>((resolve, reject) => {
      let ok = 0;
      let pending = targets.length;
      let done = false;
      const check = (lastError?: unknown): void => {
        if (done) return;
        if (ok >= needed) {
          done = true;
          this.acknowledge(key, entry, ttlMs);
          resolve();
        } else if (ok + pending < needed) {
          done = true;
          reject(lastError instanceof Error ? lastError : new Error(`ReplicatedCache: write of ${JSON.stringify(key)} reached ${ok} of ${needed} nodes`));
        }
      };
      for (const name of targets) {
        this.stores
          .get(name)!
          .set(key, entry, ttlMs)
          .then(
            () => {
              this.confirm(name, key, entry.version);
              ok++;
              pending--;
              check();
            },
            (error: unknown) => {
              this.fail(name, error);
              pending--;
              check(error);
            },
          );
      }
      check();
    });
  }

  protected writeTargets(): string[] {
    return this.names.filter((name) => this.inRotation.has(name));
  }

  protected confirm(name: string, key: string, version: number): void {
    const map = this.confirmed.get(name)!;
    if ((map.get(key) ?? 0) < version) map.set(key, version);
  }

  protected acknowledge(key: string, entry: Versioned<V>, ttlMs: number | undefined): void {
    const current = this.acked.get(key);
    if (current !== undefined && current.entry.version > entry.version) return;
    this.acked.set(key, { entry, expiresAt: ttlMs === undefined ? Infinity : this.clock.now() + ttlMs });
  }

  protected fail(name: string, error: unknown): void {
    this.inRotation.delete(name);
    try {
      this.onNodeError(error, name);
    } catch {
      // A reporter that throws does not break the client.
    }
  }

  protected schedule(): void {
    if (this.closed) return;
    this.timer = this.scheduler.setTimeout(() => {
      this.timer = undefined;
      this.healthCheck();
      this.schedule();
    }, this.interval);
  }

  protected healthCheck(): void {
    for (const name of this.names) {
      if (this.inRotation.has(name) || this.checking.has(name)) continue;
      this.checking.add(name);
      void this.recover(name).finally(() => this.checking.delete(name));
    }
  }

  /** Probes a node out of rotation; if it answers, catches it up and, when every write succeeded, puts it back. */
  protected async recover(name: string): Promise<void> {
    const store = this.stores.get(name)!;
    try {
      await store.get(PROBE_KEY);
    } catch {
      return;
    }
    const confirmed = this.confirmed.get(name)!;
    const writes: Promise<void>[] = [];
    for (const [key, { entry, expiresAt }] of this.acked) {
      if ((confirmed.get(key) ?? 0) >= entry.version) continue;
      const remaining = expiresAt - this.clock.now();
      const write: Versioned<V> = remaining > 0 ? entry : { deleted: true, version: entry.version };
      const ttl = remaining > 0 && remaining !== Infinity ? remaining : undefined;
      writes.push(store.set(key, write, ttl).then(() => this.confirm(name, key, entry.version)));
    }
    const results = await Promise.allSettled(writes);
    if (results.some((r) => r.status === 'rejected')) return;
    // Anything acknowledged during the catch-up is caught up on the next check.
    for (const [key, { entry }] of this.acked) if ((confirmed.get(key) ?? 0) < entry.version) return;
    if (!this.closed) this.inRotation.add(name);
  }

  /** Stops the health checks. */
  close(): void {
    this.closed = true;
    if (this.timer !== undefined) this.scheduler.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
