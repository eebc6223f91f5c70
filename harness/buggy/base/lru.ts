/**
 * The correct LRU cache that every buggy variant in `harness/buggy/lru/` extends: a `Map` from
 * key to node plus a doubly linked list of the nodes, most recently used at the head. Each step
 * is a small `protected` method, so that a variant overrides only the step its learner got wrong.
 * It passes every property of the `lru` suite.
 *
 * @module
 */

/** Options for {@link LRUCache}. */
export interface LRUOptions<K, V> {
  /** Called once for each entry evicted to make room (not for delete, clear or overwrite). */
  onEvict?: (key: K, value: V) => void;
}

/** A cache that evicts the least recently used entry when it is full. */
export class LRUCache<K, V> {
  /** The most entries the cache holds. */
  readonly capacity: number;
  /** The `onEvict` option. */
  protected readonly onEvict: ((key: K, value: V) => void) | undefined;
  /** Every node, by {@link LRUCache.keyOf | keyOf} its key. */
  protected readonly nodes = new Map<unknown, LRUCache.Node<K, V>>();
  /** The most recently used node. */
  protected head: LRUCache.Node<K, V> | undefined;
  /** The least recently used node. */
  protected tail: LRUCache.Node<K, V> | undefined;

  /**
   * @param capacity - the most entries to hold; a positive safe integer, else `RangeError`.
   * @param options - optional `onEvict` callback.
   */
  constructor(capacity: number, options: LRUOptions<K, V> = {}) {
    this.validateCapacity(capacity);
    this.capacity = capacity;
    this.onEvict = options.onEvict;
  }

  /** The number of entries stored. */
  get size(): number {
    return this.nodes.size;
  }

  /** The value for `key`, or `undefined`; a hit makes `key` the most recently used. */
  get(key: K): V | undefined {
    const node = this.find(key);
    if (node === undefined) return undefined;
    this.touch(node);
    return node.value;
  }

  /** The value for `key`, or `undefined`, without changing its recency. */
  peek(key: K): V | undefined {
    return this.find(key)?.value;
  }

  /** Whether `key` is stored, without changing its recency. */
  has(key: K): boolean {
    return this.find(key) !== undefined;
  }

  /**
   * Inserts or overwrites `key`, which becomes the most recently used. Inserting a new key
   * into a full cache first evicts the least recently used entry and calls `onEvict` for it.
   * @returns this cache, so calls can be chained.
   */
  set(key: K, value: V): this {
    const existing = this.find(key);
    if (existing !== undefined) {
      this.overwrite(existing, value);
    } else {
      if (this.isFull()) this.evict();
      this.insert(key, value);
    }
    return this;
  }

  /** Removes `key`; true if it was present. Never calls `onEvict`. */
  delete(key: K): boolean {
    const node = this.find(key);
    if (node === undefined) return false;
    this.remove(node);
    return true;
  }

  /** Removes every entry. Never calls `onEvict`. */
  clear(): void {
    this.nodes.clear();
    this.head = undefined;
    this.tail = undefined;
  }

  /** The keys, most recently used first. */
  *keys(): IterableIterator<K> {
    for (let node = this.head; node !== undefined; node = node.older) yield node.key;
  }

  /** Throws a `RangeError` unless `capacity` is a positive safe integer. */
  protected validateCapacity(capacity: number): void {
    if (!Number.isSafeInteger(capacity) || capacity <= 0) {
      throw new RangeError(`capacity must be a positive safe integer, got ${String(capacity)}`);
    }
  }

  /** What {@link LRUCache.nodes | nodes} is indexed by: the key itself, for `Map` semantics. */
  protected keyOf(key: K): unknown {
    return key;
  }

  /** The node for `key`, or `undefined`. Changes nothing. */
  protected find(key: K): LRUCache.Node<K, V> | undefined {
    return this.nodes.get(this.keyOf(key));
  }

  /** Makes `node` the most recently used (a `get` hit, or a `set` of a stored key). */
  protected touch(node: LRUCache.Node<K, V>): void {
    this.unlink(node);
    this.pushFront(node);
  }

  /** A `set` of a stored key: replaces the value and touches the node. */
  protected overwrite(node: LRUCache.Node<K, V>, value: V): void {
    node.value = value;
    this.touch(node);
  }

  /** Whether a new key must evict first: the cache holds `capacity` entries. */
  protected isFull(): boolean {
    return this.nodes.size >= this.capacity;
  }

  /** The node to evict next: the least recently used, or `undefined` when empty. */
  protected evictionVictim(): LRUCache.Node<K, V> | undefined {
    return this.tail;
  }

  /** Removes the {@link LRUCache.evictionVictim | victim} and calls `onEvict` for it. */
  protected evict(): void {
    const victim = this.evictionVictim();
    if (victim === undefined) return;
    this.remove(victim);
    this.onEvict?.(victim.key, victim.value);
  }

  /** Stores a new key as the most recently used; the caller has made room. */
  protected insert(key: K, value: V): LRUCache.Node<K, V> {
    const node: LRUCache.Node<K, V> = { key, value, newer: undefined, older: undefined };
    this.nodes.set(this.keyOf(key), node);
    this.pushFront(node);
    return node;
  }

  /** Takes `node` out of the map and the list (for `delete` and eviction alike). */
  protected remove(node: LRUCache.Node<K, V>): void {
    this.unlink(node);
    this.nodes.delete(this.keyOf(node.key));
  }

  /** Links an unlinked `node` in at the head (most recently used end). */
  protected pushFront(node: LRUCache.Node<K, V>): void {
    node.older = this.head;
    node.newer = undefined;
    if (this.head === undefined) this.tail = node;
    else this.head.newer = node;
    this.head = node;
  }

  /** Takes `node` out of the list, joining its neighbours. */
  protected unlink(node: LRUCache.Node<K, V>): void {
    if (node.newer === undefined) this.head = node.older;
    else node.newer.older = node.older;
    if (node.older === undefined) this.tail = node.newer;
    else node.older.newer = node.newer;
    node.newer = undefined;
    node.older = undefined;
  }
}

/** Types for subclasses of {@link LRUCache} (the buggy variants); nothing here exists at run time. */
export declare namespace LRUCache {
  /** One entry: a node of the recency list. */
  interface Node<K, V> {
    readonly key: K;
    value: V;
    /** The next more recently used node. */
    newer: Node<K, V> | undefined;
    /** The next less recently used node. */
    older: Node<K, V> | undefined;
  }
}
