/**
 * Reference solution for the `sharded-cache` exercise: one cache spread over several nodes by a
 * consistent hash ring.
 *
 * The client keeps a {@link HashRing} over the node names and a Map from name to store. A key's
 * node is `ring.getNode(key)`, and every get, set and delete of the key goes to that node's store
 * alone. The ring places each node from its name only, so the order nodes are given or added in
 * never matters.
 *
 * Changing the nodes moves some keys to another node, where they miss until they are written
 * again: nothing is copied. `addNode` and `removeNode` report how many, as the share of the keys
 * this client has written and not deleted since (a Set kept by `set` and `delete`) whose node
 * changed, measured by asking the ring about each of them before and after the change.
 *
 * A node that fails a read costs a miss, reported to `onNodeError`; a failed write rejects, since
 * the caller must know the value was not stored.
 *
 * @module
 */
import type { CacheStore } from '../exercises/workbook.js';
import { checkFunction, checkKey, checkMethods, checkNumber, checkOptions, checkValue, describe } from './arguments.js';
import { HashRing } from './hash-ring.js';

const STORE_METHODS = ['get', 'set', 'delete'] as const;

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
  readonly #ring: HashRing;
  readonly #stores = new Map<string, CacheStore<V>>();
  readonly #onNodeError: (error: unknown, node: string, key: string) => void;
  /** The keys written through this client and not deleted since: what a change of nodes is measured on. */
  readonly #written = new Set<string>();

  /** @param options - the nodes, virtual nodes per node, and an optional error reporter. */
  constructor(options: ShardedCacheOptions<V>) {
    checkOptions(options, 'ShardedCache');
    const { nodes, virtualNodes = 150, onNodeError = () => undefined } = options;
    if (typeof nodes !== 'object' || nodes === null) throw new TypeError(`ShardedCache: nodes must be an object of stores by name, got ${describe(nodes)}`);
    const entries = Object.entries(nodes);
    if (entries.length === 0) throw new RangeError('ShardedCache: nodes must have at least one store');
    for (const [name, store] of entries) {
      checkName(name, 'ShardedCache', 'a name in nodes');
      checkMethods(store, `nodes[${JSON.stringify(name)}]`, 'ShardedCache', 'a CacheStore', STORE_METHODS);
    }
    checkNumber(virtualNodes, 'virtualNodes', 'ShardedCache', 'a positive safe integer', (n) => Number.isSafeInteger(n) && n > 0);
    checkFunction(onNodeError, 'onNodeError', 'ShardedCache');

    this.#ring = new HashRing({ virtualNodes });
    this.#onNodeError = onNodeError;
    for (const [name, store] of entries) {
      this.#ring.addNode(name);
      this.#stores.set(name, store);
    }
  }

  /** The node names, in any order. */
  get nodes(): string[] {
    return [...this.#stores.keys()];
  }

  /** The node that holds `key`. */
  nodeFor(key: string): string {
    checkKey(key, 'ShardedCache.nodeFor');
    // The ring is never empty: the constructor needs a node and removeNode keeps the last one.
    return this.#ring.getNode(key)!;
  }

  /** The value of `key` on its node, or undefined (also when the node fails). */
  async get(key: string): Promise<V | undefined> {
    checkKey(key, 'ShardedCache.get');
    const node = this.nodeFor(key);
    try {
      return await this.#stores.get(node)!.get(key);
    } catch (error) {
      // A node that is down costs a miss, not a failed read.
      this.#onNodeError(error, node, key);
      return undefined;
    }
  }

  /** Stores `value` on the node of `key`; rejects when the node fails. */
  async set(key: string, value: V, ttlMs?: number): Promise<void> {
    checkKey(key, 'ShardedCache.set');
    checkValue(value, 'ShardedCache.set');
    await this.#stores.get(this.nodeFor(key))!.set(key, value, ttlMs);
    this.#written.add(key);
  }

  /** Deletes `key` from its node; rejects when the node fails. */
  async delete(key: string): Promise<void> {
    checkKey(key, 'ShardedCache.delete');
    await this.#stores.get(this.nodeFor(key))!.delete(key);
    this.#written.delete(key);
  }

  /** Adds a node; returns the fraction of written keys that now map elsewhere (all to it). */
  addNode(name: string, store: CacheStore<V>): number {
    checkName(name, 'ShardedCache.addNode', 'name');
    if (this.#stores.has(name)) throw new RangeError(`ShardedCache.addNode: name ${describe(name)} is already a node`);
    checkMethods(store, 'store', 'ShardedCache.addNode', 'a CacheStore', STORE_METHODS);
    return this.#moved(() => {
      this.#ring.addNode(name);
      this.#stores.set(name, store);
    });
  }

  /** Removes a node; returns the fraction of written keys that now map elsewhere (all of its own). */
  removeNode(name: string): number {
    checkName(name, 'ShardedCache.removeNode', 'name');
    if (!this.#stores.has(name)) throw new RangeError(`ShardedCache.removeNode: name ${describe(name)} is not a node`);
    if (this.#stores.size === 1) throw new RangeError(`ShardedCache.removeNode: name ${describe(name)} is the last node, and a client needs one`);
    return this.#moved(() => {
      this.#ring.removeNode(name);
      this.#stores.delete(name);
    });
  }

  /** Applies `change` to the nodes; returns the share of the written keys whose node it changed. */
  #moved(change: () => void): number {
    const before = [...this.#written].map((key) => [key, this.#ring.getNode(key)] as const);
    change();
    if (before.length === 0) return 0;
    const moved = before.filter(([key, node]) => this.#ring.getNode(key) !== node).length;
    return moved / before.length;
  }
}

/** Throws unless `name` is a non-empty string. */
function checkName(name: unknown, where: string, argument: string): asserts name is string {
  if (typeof name !== 'string') throw new TypeError(`${where}: ${argument} must be a string, got ${describe(name)}`);
  if (name === '') throw new RangeError(`${where}: ${argument} must not be empty`);
}
