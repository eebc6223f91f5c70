/**
 * Buggy variant: delete removes the entry but keeps the key's count, so a deleted then re-inserted key resumes its old count.
 * @caughtBy delete-forgets-count
 */
/** Options for {@link LFUCache}. */
export interface LFUOptions<K, V> {
  /** Called once for each entry evicted to make room (not for delete, clear or overwrite). */
  onEvict?: (key: K, value: V) => void;
}

interface Node<K, V> {
  key: K;
  value: V;
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
  /** How many times each key has been used. */
  readonly #counts = new Map<K, number>();
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
    this.#use(node, true);
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
      this.#use(existing, true);
      return this;
    }
    if (this.#nodes.size >= this.capacity) this.#evict();
    const node: Node<K, V> = { key, value, newer: undefined, older: undefined };
    this.#nodes.set(key, node);
    this.#use(node, false);
    return this;
  }

  delete(key: K): boolean {
    const node = this.#nodes.get(key);
    if (node === undefined) return false;
    this.#unlink(node, this.#counts.get(key) as number);
    this.#nodes.delete(key);
    return true;
  }

  clear(): void {
    this.#nodes.clear();
    this.#counts.clear();
    this.#lists.clear();
    this.#minCount = 0;
  }

  /**
   * Adds 1 to the count of `node`'s key (0 if it has none) and puts it at the head of the list
   * for its new count. `linked` says whether it is in a list already.
   */
  #use(node: Node<K, V>, linked: boolean): void {
    const old = this.#counts.get(node.key) ?? 0;
    if (linked && this.#unlink(node, old) && this.#minCount === old) this.#minCount++;
    const count = old + 1;
    this.#counts.set(node.key, count);
    this.#pushFront(node, count);
    if (!linked && (old === 0 || count < this.#minCount || this.#nodes.size === 1)) this.#minCount = count;
  }

  #evict(): void {
    let list = this.#lists.get(this.#minCount);
    if (list === undefined) {
      // A delete can empty the lowest list: move up to the lowest count still in use.
      this.#minCount = Math.min(...this.#lists.keys());
      list = this.#lists.get(this.#minCount);
    }
    const victim = list?.tail;
    if (victim === undefined) return;
    this.#unlink(victim, this.#minCount);
    this.#nodes.delete(victim.key);
    this.#counts.delete(victim.key);
    this.#onEvict?.(victim.key, victim.value);
  }

  #pushFront(node: Node<K, V>, count: number): void {
    let list = this.#lists.get(count);
    if (list === undefined) {
      list = { head: undefined, tail: undefined };
      this.#lists.set(count, list);
    }
    node.newer = undefined;
    node.older = list.head;
    if (list.head === undefined) list.tail = node;
    else list.head.newer = node;
    list.head = node;
  }

  /** Takes `node` out of the list for `count`; true if that list is now empty. */
  #unlink(node: Node<K, V>, count: number): boolean {
    const list = this.#lists.get(count) as CountList<K, V>;
    if (node.newer === undefined) list.head = node.older;
    else node.newer.older = node.older;
    if (node.older === undefined) list.tail = node.newer;
    else node.older.newer = node.newer;
    node.newer = undefined;
    node.older = undefined;
    if (list.head !== undefined) return false;
    this.#lists.delete(count);
    return true;
  }
}
