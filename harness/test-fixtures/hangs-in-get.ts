// A learner's file whose get() never returns: the grader must stop it and name the call.
export class LRUCache<K, V> {
  readonly capacity: number;
  #map = new Map<K, V>();
  constructor(capacity: number) {
    if (!Number.isSafeInteger(capacity) || capacity <= 0) throw new RangeError('capacity');
    this.capacity = capacity;
  }
  get size(): number {
    return this.#map.size;
  }
  get(key: K): V | undefined {
    for (;;) void key;
  }
  peek(key: K): V | undefined {
    return this.#map.get(key);
  }
  has(key: K): boolean {
    return this.#map.has(key);
  }
  set(key: K, value: V): this {
    this.#map.set(key, value);
    return this;
  }
  delete(key: K): boolean {
    return this.#map.delete(key);
  }
  clear(): void {
    this.#map.clear();
  }
  keys(): IterableIterator<K> {
    return this.#map.keys();
  }
}
