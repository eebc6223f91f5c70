/**
 * Buggy variant: delete reports the removed entry to onEvict, as if it had been evicted.
 * @caughtBy delete-clear
 */
import { LRUCache as Base } from '../base/lru.js';

export type { LRUOptions } from '../base/lru.js';

/** A cache that evicts the least recently used entry when it is full. */
export class LRUCache<K, V> extends Base<K, V> {
  override delete(key: K): boolean {
    const node = this.find(key);
    const deleted = super.delete(key);
    // The learner reports the deleted entry to onEvict, as if it had been evicted.
    if (node !== undefined) this.onEvict?.(node.key, node.value);
    return deleted;
  }
}
