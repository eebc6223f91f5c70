/**
 * The correct LFU cache that every buggy variant in `harness/buggy/lfu/` extends: a `Map` from
 * key to node, and for each count in use a doubly linked list of the nodes with that count, most
 * recently used at the head. `minCount` names the list the next victim comes from, so it is
 * found without a scan. Each step is a small `protected` method, so that a variant overrides
 * only the step its learner got wrong. It passes every property of the `lfu` suite.
 *
 * @module
 */

/** Options for {@link LFUCache}. */
export interface LFUOptions<K, V> {
  /** Called once for each entry evicted to make room (not for delete, clear or overwrite). */
  onEvict?: (key: K, value: V) => void;
}

/** A cache that evicts the least frequently used entry (oldest access first on ties). */
export class LFUCache<K, V> {
  /** The most entries the cache holds. */
  readonly capacity: number;
  /** The `onEvict` option. */
  protected readonly onEvict: ((key: K, value: V) => void) | undefined;
  /** Every node, by {@link LFUCache.keyOf | keyOf} its key. */
  protected readonly nodes = new Map<unknown, LFUCache.Node<K, V>>();
  /** The list of nodes for each count in use; a list that empties is removed. */
  protected readonly lists = new Map<number, LFUCache.CountList<K, V>>();
  /**
   * The smallest count in use, whenever the cache is full. A `delete` can empty its list and
   * leave it behind, but then the cache is not full, and the insert that fills it again sets
   * `minCount` back to 1 before any eviction reads it.
   */
  protected minCount = 0;

  /**
   * @param capacity - the most entries to hold; a positive safe integer, else `RangeError`.
   * @param options - optional `onEvict` callback.
   */
  constructor(capacity: number, options: LFUOptions<K, V> = {}) {
    this.validateCapacity(capacity);
    this.capacity = capacity;
    this.onEvict = options.onEvict;
  }

  /** The number of entries stored. */
  get size(): number {
    return this.nodes.size;
  }

  /** The value for `key`, or `undefined`; a hit adds 1 to its count and counts as an access. */
  get(key: K): V | undefined {
    const node = this.find(key);
    if (node === undefined) return undefined;
    this.touch(node);
    return node.value;
  }

  /** The value for `key`, or `undefined`, changing neither count nor recency. */
  peek(key: K): V | undefined {
    return this.find(key)?.value;
  }

  /** Whether `key` is stored, changing neither count nor recency. */
  has(key: K): boolean {
    return this.find(key) !== undefined;
  }

  /**
   * Inserts `key` with count 1, or overwrites it and adds 1 to its count. Inserting a new key
   * into a full cache first evicts the least frequently used entry and calls `onEvict` for it.
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

  /** Removes `key` and forgets its count; true if it was present. Never calls `onEvict`. */
  delete(key: K): boolean {
    const node = this.find(key);
    if (node === undefined) return false;
    this.remove(node);
    return true;
  }

  /** Removes every entry. Never calls `onEvict`. */
  clear(): void {
    this.nodes.clear();
    this.lists.clear();
    this.minCount = 0;
  }

  /** Throws a `RangeError` unless `capacity` is a positive safe integer. */
  protected validateCapacity(capacity: number): void {
    if (!Number.isSafeInteger(capacity) || capacity <= 0) {
      throw new RangeError(`capacity must be a positive safe integer, got ${String(capacity)}`);
    }
  }

  /** What {@link LFUCache.nodes | nodes} is indexed by: the key itself, for `Map` semantics. */
  protected keyOf(key: K): unknown {
    return key;
  }

  /** The node for `key`, or `undefined`. Changes nothing. */
  protected find(key: K): LFUCache.Node<K, V> | undefined {
    return this.nodes.get(this.keyOf(key));
  }

  /**
   * An access (a `get` hit, or a `set` of a stored key): adds 1 to the count of `node` and
   * moves it to the head of the list for its new count.
   */
  protected touch(node: LFUCache.Node<K, V>): void {
    if (this.unlink(node) && this.minCount === node.count) this.minCount++;
    node.count++;
    this.pushFront(node);
  }

  /** A `set` of a stored key: replaces the value and touches the node. */
  protected overwrite(node: LFUCache.Node<K, V>, value: V): void {
    node.value = value;
    this.touch(node);
  }

  /** Whether a new key must evict first: the cache holds `capacity` entries. */
  protected isFull(): boolean {
    return this.nodes.size >= this.capacity;
  }

  /** The node to evict next: the least recently used of the smallest count. */
  protected evictionVictim(): LFUCache.Node<K, V> | undefined {
    return this.lists.get(this.minCount)?.tail;
  }

  /** Removes the {@link LFUCache.evictionVictim | victim} and calls `onEvict` for it. */
  protected evict(): void {
    const victim = this.evictionVictim();
    if (victim === undefined) return;
    this.remove(victim);
    this.onEvict?.(victim.key, victim.value);
  }

  /** Stores a new key with count 1, the smallest there is; the caller has made room. */
  protected insert(key: K, value: V): LFUCache.Node<K, V> {
    const node: LFUCache.Node<K, V> = { key, value, count: 1, newer: undefined, older: undefined };
    this.nodes.set(this.keyOf(key), node);
    this.pushFront(node);
    this.minCount = 1;
    return node;
  }

  /** Takes `node` out of the map and its list (for `delete` and eviction alike). */
  protected remove(node: LFUCache.Node<K, V>): void {
    this.unlink(node);
    this.nodes.delete(this.keyOf(node.key));
  }

  /** The list for `count`, created empty if there is none. */
  protected listFor(count: number): LFUCache.CountList<K, V> {
    let list = this.lists.get(count);
    if (list === undefined) {
      list = { head: undefined, tail: undefined };
      this.lists.set(count, list);
    }
    return list;
  }

  /** Links an unlinked `node` in at the head (most recently used end) of the list for its count. */
  protected pushFront(node: LFUCache.Node<K, V>): void {
    const list = this.listFor(node.count);
    node.newer = undefined;
    node.older = list.head;
    if (list.head === undefined) list.tail = node;
    else list.head.newer = node;
    list.head = node;
  }

  /** Takes `node` out of the list for its count; true if that list is now empty (and gone). */
  protected unlink(node: LFUCache.Node<K, V>): boolean {
    const list = this.lists.get(node.count)!;
    if (node.newer === undefined) list.head = node.older;
    else node.newer.older = node.older;
    if (node.older === undefined) list.tail = node.newer;
    else node.older.newer = node.newer;
    node.newer = undefined;
    node.older = undefined;
    if (list.head !== undefined) return false;
    this.lists.delete(node.count);
    return true;
  }
}

/** Types for subclasses of {@link LFUCache} (the buggy variants); nothing here exists at run time. */
export declare namespace LFUCache {
  /** One entry: a node of the list for its count. */
  interface Node<K, V> {
    readonly key: K;
    value: V;
    /** How many times the key has been used: 1 for the `set` that stored it, +1 per access. */
    count: number;
    /** The next more recently used node with the same count. */
    newer: Node<K, V> | undefined;
    /** The next less recently used node with the same count. */
    older: Node<K, V> | undefined;
  }

  /** The nodes with one count, most recently used at the head, least recently used at the tail. */
  interface CountList<K, V> {
    head: Node<K, V> | undefined;
    tail: Node<K, V> | undefined;
  }
}
