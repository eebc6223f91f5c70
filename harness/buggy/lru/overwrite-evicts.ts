/**
 * Buggy variant: set checks for a full cache before checking whether the key is already stored, so overwriting a key in a full cache evicts an entry.
 * @caughtBy eviction-order
 */
import { LRUCache as Base } from '../base/lru.js';

export type { LRUOptions } from '../base/lru.js';

/** A cache that evicts the least recently used entry when it is full. */
export class LRUCache<K, V> extends Base<K, V> {
  override set(key: K, value: V): this {
    // The learner evicts on a full cache before looking whether the key is already stored.
    if (this.isFull()) this.evict();
    return super.set(key, value);
  }
}
