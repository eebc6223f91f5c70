/**
 * A correct replicated cache client, with hooks the buggy variants override.
 */
import type { CacheStore, Clock, Scheduler, TimerHandle } from '../../../exercises/workbook.js';

export type Versioned<V> = { value: V; version: number } | { deleted: true; version: number };

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
    if (typeof options !== 'object' || options === null) throw new TypeError('ReplicatedCache: options must be an object');
    const { nodes, writeQuorum, clock, scheduler, healthCheckIntervalMs = 1000, onNodeError = () => undefined } = options;
    if (typeof nodes !== 'object' || nodes === null) throw new TypeError('ReplicatedCache: nodes must be an object of stores');
    const entries = Object.entries(nodes);
    if (entries.length === 0) throw new RangeError('ReplicatedCache: nodes must have at least one store');
    for (const [name, store] of entries) {
      const s = store as unknown as Record<string, unknown> | null;
      if (typeof s !== 'object' || s === null || !['get', 'set', 'delete'].every((m) => typeof s[m] === 'function')) {
        throw new TypeError(`ReplicatedCache: nodes[${JSON.stringify(name)}] must be a CacheStore`);
      }
    }
    const quorum = writeQuorum ?? this.defaultQuorum(entries.length);
    this.checkQuorum(quorum, entries.length);
    if (typeof healthCheckIntervalMs !== 'number') throw new TypeError('ReplicatedCache: healthCheckIntervalMs must be a number');
    if (!(healthCheckIntervalMs > 0 && Number.isFinite(healthCheckIntervalMs))) throw new RangeError('ReplicatedCache: healthCheckIntervalMs must be positive and finite');
    if (typeof onNodeError !== 'function') throw new TypeError('ReplicatedCache: onNodeError must be a function');
    this.names = entries.map(([name]) => name);
    for (const [name, store] of entries) {
      this.stores.set(name, store);
      this.inRotation.add(name);
      this.confirmed.set(name, new Map());
    }
    this.quorum = quorum;
    this.clock = clock ?? { now: () => Date.now() };
    this.scheduler = scheduler ?? { setTimeout: (cb, ms) => setTimeout(cb, ms), clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) };
    this.interval = healthCheckIntervalMs;
    this.onNodeError = onNodeError;
    this.schedule();
  }

  protected defaultQuorum(n: number): number {
    return Math.floor(n / 2) + 1;
  }

  protected checkQuorum(quorum: unknown, n: number): void {
    if (typeof quorum !== 'number') throw new TypeError('ReplicatedCache: writeQuorum must be a number');
    if (!Number.isSafeInteger(quorum) || quorum < 1 || quorum > n) throw new RangeError(`ReplicatedCache: writeQuorum must be an integer in [1, ${n}]`);
  }

  /** How many acknowledgements the write needs. */
  protected needed(): number {
    return this.quorum;
  }

  get nodes(): string[] {
    return [...this.names];
  }

  async get(key: string): Promise<V | undefined> {
    if (typeof key !== 'string') throw new TypeError('ReplicatedCache.get: key must be a string');
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

  protected usable(key: string, answer: Versioned<V> | undefined): boolean {
    const latest = this.acked.get(key)?.entry.version ?? 0;
    if (answer === undefined) return latest === 0;
    return typeof answer.version === 'number' && answer.version >= latest;
  }

  set(key: string, value: V, ttlMs?: number): Promise<void> {
    if (typeof key !== 'string') return Promise.reject(new TypeError('ReplicatedCache.set: key must be a string'));
    if (value === undefined) return Promise.reject(new TypeError('ReplicatedCache.set: value must not be undefined'));
    return this.write(key, { value, version: ++this.version }, ttlMs);
  }

  delete(key: string): Promise<void> {
    if (typeof key !== 'string') return Promise.reject(new TypeError('ReplicatedCache.delete: key must be a string'));
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

  close(): void {
    this.closed = true;
    if (this.timer !== undefined) this.scheduler.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
