/**
 * Exercise `replicated-cache` — every value on several nodes, so the cache survives one failing.
 *
 * Read first: chapters/04-distributed/README.md (section "Replication with failover and catch-up").
 * Grade it:   npm run exercise replicated-cache
 *
 * The contract (the grader checks exactly this, nothing else):
 * - `nodes` is an object of name → store holding {@link Versioned} entries, with at least one
 *   node. Its insertion order is the read order: the first node is the primary, the others are
 *   replicas. Every node starts in rotation.
 * - Versions: the client numbers its writes 1, 2, 3, … (one counter for all keys, a number taken
 *   when `set` or `delete` is called, after its arguments are checked). `set(key, value, ttlMs?)`
 *   stores `{ value, version }` and `delete(key)` stores a tombstone `{ deleted: true, version }`
 *   (a delete is a write, so a node that missed it cannot bring the old value back). Each write
 *   goes to every node IN ROTATION, concurrently; `ttlMs` is passed on to each node unchanged.
 * - A write resolves once `writeQuorum` nodes have confirmed it (default: a majority of ALL the
 *   nodes, `Math.floor(n / 2) + 1`, however many are in rotation). As soon as that can no longer
 *   happen (confirmations plus calls still pending < writeQuorum) it rejects with an Error; the
 *   value may then be on some nodes.
 * - A node whose write or read fails is taken out of rotation at once and reported with
 *   `onNodeError(error, node)`. Nodes out of rotation get no reads and no writes.
 * - `get(key)` asks the nodes in rotation in read order, one after another. A node that fails is
 *   taken out of rotation and the next is asked. A node's answer is usable only if its version is
 *   at least the latest version of `key` this client has acknowledged (so a read never returns a
 *   value older than the latest acknowledged write). No entry at all is usable only when no write
 *   of `key` was acknowledged. A usable value resolves the get with it; a usable tombstone or
 *   missing entry resolves it with `undefined`. When no node in rotation has a usable answer, the
 *   get rejects with an Error: the data is not available now, and an older value is never served.
 * - Health checks: every `healthCheckIntervalMs` (default 1000, with `scheduler.setTimeout`) each
 *   node out of rotation, and only those, is probed with one `get` (of any key). A node that
 *   answers is caught up: every key this client acknowledged since the node left rotation (and
 *   any whose write to it failed) is written to it, as its latest acknowledged Versioned entry.
 *   Only when all those writes succeeded does it return to rotation; else it stays out until a
 *   later check. `close()` cancels the timer and sets no new one.
 * - Bad input throws (or rejects with) a TypeError or RangeError naming the argument: `nodes` that
 *   is not an object with at least one store (each with get, set and delete), a `writeQuorum` that
 *   is not a safe integer from 1 to the number of nodes, a `healthCheckIntervalMs` that is not a
 *   positive finite number, an `onNodeError` that is not a function, a key that is not a string,
 *   a value that is `undefined`.
 *
 * @module
 */
import type { CacheStore, Clock, Scheduler } from './workbook.js';

/** What a node stores under a key: a value or a tombstone, with the version of the write. */
export type Versioned<V> = { value: V; version: number } | { deleted: true; version: number };

/** Options for {@link ReplicatedCache}. */
export interface ReplicatedCacheOptions<V> {
  /** The nodes by name, in read order: the first is the primary. At least one. */
  nodes: Record<string, CacheStore<Versioned<V>>>;
  /** How many nodes must confirm a write. Default: a majority of all nodes. */
  writeQuorum?: number;
  /** The clock (to know how much of a TTL is left when catching a node up). Default: the wall clock. */
  clock?: Clock;
  /** Where the health-check timer is set. Default: Node's timers. */
  scheduler?: Scheduler;
  /** Milliseconds between health checks. Default 1000. */
  healthCheckIntervalMs?: number;
  /** Told about each failed call of a node, as the node leaves rotation. Default: nothing. */
  onNodeError?: (error: unknown, node: string) => void;
}

/** A client that writes every value to several nodes and reads from the first one that is current. */
export class ReplicatedCache<V> {
  /** @param options - the nodes, the write quorum, clock, scheduler, health-check interval and error reporter. */
  constructor(options: ReplicatedCacheOptions<V>) {
    void options;
    throw new Error('Not implemented: ReplicatedCache constructor');
  }

  /** The value of `key` from the first node in rotation whose answer is current; rejects when none is. */
  get(key: string): Promise<V | undefined> {
    throw new Error(`Not implemented: ReplicatedCache.get(${String(key)})`);
  }

  /** Writes `{ value, version }` to every node in rotation; resolves once writeQuorum have it. */
  set(key: string, value: V, ttlMs?: number): Promise<void> {
    void value;
    void ttlMs;
    throw new Error(`Not implemented: ReplicatedCache.set(${String(key)})`);
  }

  /** Writes a tombstone to every node in rotation; resolves once writeQuorum have it. */
  delete(key: string): Promise<void> {
    throw new Error(`Not implemented: ReplicatedCache.delete(${String(key)})`);
  }

  /** Stops the health checks. */
  close(): void {
    throw new Error('Not implemented: ReplicatedCache.close');
  }
}
