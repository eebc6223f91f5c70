/**
 * Buggy variant: clear calls onEvict for every entry it drops.
 * @caughtBy delete-clear
 */
import { LRUCache as Base } from '../base/lru.js';

export type { LRUOptions } from '../base/lru.js';

/** A cache that evicts the least recently used entry when it is full. */
export class LRUCache<K, V> extends Base<K, V> {
  override clear(): void {
    // The learner reports every cleared entry to onEvict, as if it had been evicted.
    for (const node of this.nodes.values()) this.onEvict?.(node.key, node.value);
    super.clear();
  }
}
