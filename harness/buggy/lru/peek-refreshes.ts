/**
 * Buggy variant: peek is written as get, so peeking makes the key the most recently used.
 * @caughtBy no-recency-on-peek-has
 */
import { LRUCache as Base } from '../base/lru.js';

export type { LRUOptions } from '../base/lru.js';

/** A cache that evicts the least recently used entry when it is full. */
export class LRUCache<K, V> extends Base<K, V> {
  // The learner's peek calls get, which moves the key to the front.
  override peek(key: K): V | undefined {
    return this.get(key);
  }
}
