// A learner's file whose get() throws: the report must point at this file and line.
export class LRUCache<K, V> {
  readonly capacity: number;
  #map = new Map<K, V>();
  constructor(capacity: number) {
    this.capacity = capacity;
  }
  get size(): number {
    return this.#map.size;
  }
  get(key: K): V | undefined {
    const hit = this.#map.get(key) as unknown as { value: V };
    return hit.value;
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
