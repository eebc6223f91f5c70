/**
 * Buggy variant: peek is written as get, so peeking adds 1 to the count and counts as an access.
 * @caughtBy no-count-on-peek-has
 */
/** Options for {@link LFUCache}. */
export interface LFUOptions<K, V> {
  /** Called once for each entry evicted to make room (not for delete, clear or overwrite). */
  onEvict?: (key: K, value: V) => void;
}

interface Node<K, V> {
  key: K;
  value: V;
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

/** A cache that evicts the least frequently used entry (oldest access first on ties). */
export class LFUCache<K, V> {
  /** The most entries the cache holds. */
  readonly capacity: number;
  readonly #onEvict: ((key: K, value: V) => void) | undefined;
  readonly #nodes = new Map<K, Node<K, V>>();
  readonly #lists = new Map<number, CountList<K, V>>();
  #minCount = 0;

  constructor(capacity: number, options: LFUOptions<K, V> = {}) {
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
    this.#touch(node);
    return node.value;
  }

  peek(key: K): V | undefined {
    return this.get(key);
  }

  has(key: K): boolean {
    return this.#nodes.has(key);
  }

  set(key: K, value: V): this {
    const existing = this.#nodes.get(key);
    if (existing !== undefined) {
      existing.value = value;
      this.#touch(existing);
      return this;
    }
    if (this.#nodes.size >= this.capacity) this.#evict();
    const node: Node<K, V> = { key, value, count: 1, newer: undefined, older: undefined };
    this.#nodes.set(key, node);
    this.#pushFront(node);
    this.#minCount = 1;
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
    this.#lists.clear();
    this.#minCount = 0;
  }

  #touch(node: Node<K, V>): void {
    if (this.#unlink(node) && this.#minCount === node.count) this.#minCount++;
    node.count++;
    this.#pushFront(node);
  }

  #evict(): void {
    const list = this.#lists.get(this.#minCount);
    const victim = list?.tail;
    if (victim === undefined) return;
    this.#unlink(victim);
    this.#nodes.delete(victim.key);
    this.#onEvict?.(victim.key, victim.value);
  }

  /** Puts `node` at the head of the list for its count. */
  #pushFront(node: Node<K, V>): void {
    let list = this.#lists.get(node.count);
    if (list === undefined) {
      list = { head: undefined, tail: undefined };
      this.#lists.set(node.count, list);
    }
    node.newer = undefined;
    node.older = list.head;
    if (list.head === undefined) list.tail = node;
    else list.head.newer = node;
    list.head = node;
  }

  /** Takes `node` out of the list for its count; true if that list is now empty. */
  #unlink(node: Node<K, V>): boolean {
    const list = this.#lists.get(node.count) as CountList<K, V>;
    if (node.newer === undefined) list.head = node.older;
    else node.newer.older = node.older;
    if (node.older === undefined) list.tail = node.newer;
    else node.older.newer = node.newer;
    node.newer = undefined;
    node.older = undefined;
    if (list.head !== undefined) return false;
    this.#lists.delete(node.count);
    return true;
  }
}
