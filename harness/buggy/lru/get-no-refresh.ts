/**
 * Buggy variant: get returns the value but does not make the key the most recently used, so eviction is in insertion order.
 * @caughtBy eviction-order
 */
interface Node<K, V> {
  key: K;
  value: V;
  /** The next more recently used node. */
  newer: Node<K, V> | undefined;
  /** The next less recently used node. */
  older: Node<K, V> | undefined;
}

/** Options for {@link LRUCache}. */
export interface LRUOptions<K, V> {
  /** Called once for each entry evicted to make room (not for delete, clear or overwrite). */
  onEvict?: (key: K, value: V) => void;
}

/** A cache that evicts the least recently used entry when it is full. */
export class LRUCache<K, V> {
  /** The most entries the cache holds. */
  readonly capacity: number;
  readonly #onEvict: ((key: K, value: V) => void) | undefined;
  readonly #nodes = new Map<K, Node<K, V>>();
  /** Most recently used. */
  #head: Node<K, V> | undefined;
  /** Least recently used. */
  #tail: Node<K, V> | undefined;

  constructor(capacity: number, options: LRUOptions<K, V> = {}) {
    if (!Number.isSafeInteger(capacity) || capacity <= 0) {
      throw new RangeError(`capacity must be a positive safe integer, got ${String(capacity)}`);
    }
    this.capacity = capacity;
    this.#onEvict = options.onEvict;
  }

  get size(): number {
    return this.#nodes.size;
  }

  get(key: K): V | undefined {
    const node = this.#nodes.get(key);
    if (node === undefined) return undefined;
    return node.value;
  }

  peek(key: K): V | undefined {
    return this.#nodes.get(key)?.value;
  }

  has(key: K): boolean {
    return this.#nodes.has(key);
  }

  set(key: K, value: V): this {
    const existing = this.#nodes.get(key);
    if (existing !== undefined) {
      existing.value = value;
      this.#unlink(existing);
      this.#pushFront(existing);
      return this;
    }
    if (this.#nodes.size >= this.capacity) this.#evict();
    const node: Node<K, V> = { key, value, newer: undefined, older: undefined };
    this.#nodes.set(key, node);
    this.#pushFront(node);
    return this;
  }

  delete(key: K): boolean {
    const node = this.#nodes.get(key);
    if (node === undefined) return false;
    this.#unlink(node);
    this.#nodes.delete(key);
    return true;
  }

  clear(): void {
    this.#nodes.clear();
    this.#head = undefined;
    this.#tail = undefined;
  }

  *keys(): IterableIterator<K> {
    for (let node = this.#head; node !== undefined; node = node.older) yield node.key;
  }

  #evict(): void {
    const victim = this.#tail;
    if (victim === undefined) return;
    this.#unlink(victim);
    this.#nodes.delete(victim.key);
    this.#onEvict?.(victim.key, victim.value);
  }

  #unlink(node: Node<K, V>): void {
    if (node.newer === undefined) this.#head = node.older;
    else node.newer.older = node.older;
    if (node.older === undefined) this.#tail = node.newer;
    else node.older.newer = node.newer;
    node.newer = undefined;
    node.older = undefined;
  }

  #pushFront(node: Node<K, V>): void {
    node.older = this.#head;
    node.newer = undefined;
    if (this.#head === undefined) this.#tail = node;
    else this.#head.newer = node;
    this.#head = node;
  }
}
