/**
 * Buggy variant: get returns the value but does not make the key the most recently used, so eviction is in insertion order.
 * @caughtBy eviction-order
 */
import { LRUCache as Base } from '../base/lru.js';

export type { LRUOptions } from '../base/lru.js';

/** A cache that evicts the least recently used entry when it is full. */
export class LRUCache<K, V> extends Base<K, V> {
  // The learner's get reads the value but forgets to move the key to the front.
  override get(key: K): V | undefined {
    return this.peek(key);
  }
}
