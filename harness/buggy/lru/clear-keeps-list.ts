/**
 * Buggy variant: clear empties the map but leaves the recency list linked, so cleared entries come back in keys() and as eviction victims.
 * @caughtBy model
 */
import { LRUCache as Base } from '../base/lru.js';

export type { LRUOptions } from '../base/lru.js';

/** A cache that evicts the least recently used entry when it is full. */
export class LRUCache<K, V> extends Base<K, V> {
  override clear(): void {
    // The learner empties the map but forgets to reset the list's head and tail.
    this.nodes.clear();
  }
}
