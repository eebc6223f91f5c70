/**
 * Buggy variant: set evicts when the cache would reach capacity (`size + 1 >= capacity`), so it holds at most capacity - 1 entries.
 * @caughtBy eviction-order
 */
import { LRUCache as Base } from '../base/lru.js';

export type { LRUOptions } from '../base/lru.js';

/** A cache that evicts the least recently used entry when it is full. */
export class LRUCache<K, V> extends Base<K, V> {
  // The learner evicts when the new key would make the cache full, not when it already is.
  protected override isFull(): boolean {
    return this.size + 1 >= this.capacity;
  }
}
