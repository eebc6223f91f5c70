/**
 * A correct sharded cache client, with hooks the buggy variants override. It carries its own
 * small ring (FNV-1a with a finaliser, where the reference uses its HashRing), so the grader's
 * statistical bounds are also checked against a second correct ring.
 */
import type { CacheStore } from '../../../exercises/workbook.js';

export interface ShardedCacheOptions<V> {
  nodes: Record<string, CacheStore<V>>;
  virtualNodes?: number;
  onNodeError?: (error: unknown, node: string, key: string) => void;
}

/** What the client needs from a ring. */
export interface Ring {
  add(node: string): void;
  remove(node: string): void;
  /** The node of `key`; the ring is never empty when asked. */
  nodeFor(key: string): string;
}

/** FNV-1a over the UTF-16 code units, then MurmurHash3's fmix32: an unsigned 32-bit hash. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

interface Point {
  hash: number;
  node: string;
}

/** A consistent hash ring: `virtualNodes` points per node, sorted by (hash, node name). */
export class SortedRing implements Ring {
  protected points: Point[] = [];

  constructor(readonly virtualNodes: number) {}

  add(node: string): void {
    for (let i = 0; i < this.virtualNodes; i++) this.points.push({ hash: hash32(`${node}#${i}`), node });
    this.points.sort((a, b) => a.hash - b.hash || (a.node < b.node ? -1 : a.node > b.node ? 1 : 0));
  }

  remove(node: string): void {
    this.points = this.points.filter((p) => p.node !== node);
  }

  nodeFor(key: string): string {
    const h = hash32(key);
    let lo = 0;
    let hi = this.points.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.points[mid]!.hash < h) lo = mid + 1;
      else hi = mid;
    }
    return this.points[lo === this.points.length ? 0 : lo]!.node;
  }
}

const isStore = (store: unknown): boolean =>
  typeof store === 'object' && store !== null && ['get', 'set', 'delete'].every((m) => typeof (store as Record<string, unknown>)[m] === 'function');

export class ShardedCache<V> implements CacheStore<V> {
  protected readonly stores = new Map<string, CacheStore<V>>();
  protected readonly ring: Ring;
  /** The keys written through this client and not deleted since. */
  protected readonly written = new Set<string>();
  protected readonly onNodeError: (error: unknown, node: string, key: string) => void;

  constructor(options: ShardedCacheOptions<V>) {
    if (typeof options !== 'object' || options === null) throw new TypeError('ShardedCache: options must be an object');
    const { nodes, virtualNodes = 150, onNodeError = () => undefined } = options;
    if (typeof nodes !== 'object' || nodes === null) throw new TypeError('ShardedCache: nodes must be an object of stores');
    const entries = Object.entries(nodes);
    if (entries.length === 0) throw new RangeError('ShardedCache: nodes must have at least one store');
    for (const [name, store] of entries) {
      if (name === '') throw new RangeError('ShardedCache: a node name (in nodes) must not be empty');
      if (!isStore(store)) throw new TypeError(`ShardedCache: nodes.${name} must be a store with get, set and delete`);
    }
    this.checkVirtualNodes(virtualNodes);
    if (typeof onNodeError !== 'function') throw new TypeError('ShardedCache: onNodeError must be a function');
    this.onNodeError = onNodeError;
    this.ring = this.createRing(virtualNodes);
    for (const [name, store] of entries) {
      this.stores.set(name, store);
      this.ring.add(name);
    }
  }

  /** Throws unless `virtualNodes` is a positive safe integer. */
  protected checkVirtualNodes(virtualNodes: unknown): void {
    if (typeof virtualNodes !== 'number') throw new TypeError('ShardedCache: virtualNodes must be a number');
    if (!Number.isSafeInteger(virtualNodes) || virtualNodes <= 0) throw new RangeError('ShardedCache: virtualNodes must be a positive safe integer');
  }

  /** The ring to place nodes on. */
  protected createRing(virtualNodes: number): Ring {
    return new SortedRing(virtualNodes);
  }

  get nodes(): string[] {
    return [...this.stores.keys()];
  }

  nodeFor(key: string): string {
    if (typeof key !== 'string') throw new TypeError('ShardedCache.nodeFor: key must be a string');
    return this.ring.nodeFor(key);
  }

  async get(key: string): Promise<V | undefined> {
    const node = this.nodeFor(key);
    try {
      return await this.read(node, key);
    } catch (error) {
      this.failedRead(error, node, key);
      return undefined;
    }
  }

  /** Reads `key` from its node. */
  protected read(node: string, key: string): Promise<V | undefined> {
    return this.stores.get(node)!.get(key);
  }

  /** A read of `node` failed: report it (the read is a miss). */
  protected failedRead(error: unknown, node: string, key: string): void {
    this.onNodeError(error, node, key);
  }

  async set(key: string, value: V, ttlMs?: number): Promise<void> {
    const node = this.nodeFor(key);
    if (value === undefined) throw new TypeError('ShardedCache.set: value must not be undefined');
    await this.write(node, key, value, ttlMs);
    this.written.add(key);
  }

  /** Writes `key` to its node. */
  protected write(node: string, key: string, value: V, ttlMs: number | undefined): Promise<void> {
    return this.stores.get(node)!.set(key, value, ttlMs);
  }

  async delete(key: string): Promise<void> {
    const node = this.nodeFor(key);
    await this.stores.get(node)!.delete(key);
    this.forget(key);
  }

  /** `key` was deleted: it no longer counts as written. */
  protected forget(key: string): void {
    this.written.delete(key);
  }

  addNode(name: string, store: CacheStore<V>): number {
    if (typeof name !== 'string') throw new TypeError('ShardedCache.addNode: name must be a string');
    if (name === '') throw new RangeError('ShardedCache.addNode: name must not be empty');
    if (this.stores.has(name)) throw new RangeError(`ShardedCache.addNode: name "${name}" is already a node`);
    if (!isStore(store)) throw new TypeError('ShardedCache.addNode: store must have get, set and delete');
    return this.reshard(() => {
      this.stores.set(name, store);
      this.ring.add(name);
    });
  }

  removeNode(name: string): number {
    if (typeof name !== 'string') throw new TypeError('ShardedCache.removeNode: name must be a string');
    if (!this.stores.has(name)) throw new RangeError(`ShardedCache.removeNode: name "${name}" is not a node`);
    this.checkNotLast(name);
    return this.reshard(() => {
      this.stores.delete(name);
      this.ring.remove(name);
    });
  }

  /** Refuses to remove the last node: a client needs one. */
  protected checkNotLast(name: string): void {
    if (this.stores.size === 1) throw new RangeError(`ShardedCache.removeNode: name "${name}" is the last node`);
  }

  /** Applies `change` to the ring; returns the fraction of the written keys whose node changed. */
  protected reshard(change: () => void): number {
    const before = new Map([...this.written].map((key) => [key, this.ring.nodeFor(key)]));
    change();
    return this.movedFraction(before);
  }

  /** The share of the keys in `before` (key to old node) that now map elsewhere. */
  protected movedFraction(before: ReadonlyMap<string, string>): number {
    if (before.size === 0) return 0;
    let moved = 0;
    for (const [key, node] of before) if (this.ring.nodeFor(key) !== node) moved++;
    return moved / before.size;
  }
}
