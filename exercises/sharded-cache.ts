/**
 * Exercise `sharded-cache` — one cache spread over several nodes by a consistent hash ring.
 *
 * Read first: chapters/04-distributed/README.md (section "A sharded client").
 * Grade it:   npm run exercise sharded-cache
 *
 * The contract (the grader checks exactly this, nothing else):
 * - Each key lives on exactly one node, `nodeFor(key)`, chosen by a consistent hash ring with
 *   virtual nodes (`virtualNodes` per node; your own `HashRing` from the hash-ring exercise is
 *   the natural choice). `get`, `set` and `delete` of a key go to that node's store and no other
 *   (`set` passes its `ttlMs` on unchanged).
 * - The choice depends only on which nodes there are, never on the order they were given or added.
 * - `addNode(name, store)` and `removeNode(name)` change the ring and return the fraction of the
 *   keys this client has written (set, and not deleted since) that now map to a different node:
 *   the share of those keys that will miss until they are written again (0 when there are none).
 *   Keys move only to an added node, or only off a removed one. Nothing is copied between nodes.
 * - A node whose store fails: `get` answers `undefined` (a miss) and reports the error with
 *   `onNodeError(error, node, key)`; `set` and `delete` reject with the error.
 * - Bad input throws (or rejects with) a TypeError or RangeError naming the argument: `nodes` that
 *   is not an object with at least one store (each with get, set and delete), `virtualNodes` that is
 *   not a positive safe integer, an `onNodeError` that is not a function, adding a name that is
 *   already there (or an empty name, or a store without the methods), removing one that is not
 *   there or the last node, a key that is not a string, a value that is `undefined`. A `set` or
 *   `delete` that rejects does not change which keys count as written.
 *
 * @module
 */
import type { CacheStore } from './workbook.js';

/** Options for {@link ShardedCache}. */
export interface ShardedCacheOptions<V> {
  /** The nodes, by name: at least one. */
  nodes: Record<string, CacheStore<V>>;
  /** Points on the ring per node. Default 150. */
  virtualNodes?: number;
  /** Told about each failed read of a node. Default: nothing. */
  onNodeError?: (error: unknown, node: string, key: string) => void;
}

/** A client that spreads keys over several cache nodes with a consistent hash ring. */
export class ShardedCache<V> implements CacheStore<V> {
  /** @param options - the nodes, virtual nodes per node, and an optional error reporter. */
  constructor(options: ShardedCacheOptions<V>) {
    void options;
    throw new Error('Not implemented: ShardedCache constructor');
  }

  /** The node names, in any order. */
  get nodes(): string[] {
    throw new Error('Not implemented: ShardedCache.nodes');
  }

  /** The node that holds `key`. */
  nodeFor(key: string): string {
    throw new Error(`Not implemented: ShardedCache.nodeFor(${key})`);
  }

  /** The value of `key` on its node, or undefined (also when the node fails). */
  get(key: string): Promise<V | undefined> {
    throw new Error(`Not implemented: ShardedCache.get(${key})`);
  }

  /** Stores `value` on the node of `key`. */
  set(key: string, value: V, ttlMs?: number): Promise<void> {
    void value;
    void ttlMs;
    throw new Error(`Not implemented: ShardedCache.set(${key})`);
  }

  /** Deletes `key` from its node. */
  delete(key: string): Promise<void> {
    throw new Error(`Not implemented: ShardedCache.delete(${key})`);
  }

  /** Adds a node; returns the fraction of written keys that now map elsewhere. */
  addNode(name: string, store: CacheStore<V>): number {
    void store;
    throw new Error(`Not implemented: ShardedCache.addNode(${name})`);
  }

  /** Removes a node; returns the fraction of written keys that now map elsewhere. */
  removeNode(name: string): number {
    throw new Error(`Not implemented: ShardedCache.removeNode(${name})`);
  }
}
