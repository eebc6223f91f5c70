/**
 * Buggy variant: peek is written as get, so peeking adds 1 to the count and counts as an access.
 * @caughtBy no-count-on-peek-has
 */
import { LFUCache as Base } from '../base/lfu.js';

export type { LFUOptions } from '../base/lfu.js';

/** A cache that evicts the least frequently used entry (oldest access first on ties). */
export class LFUCache<K, V> extends Base<K, V> {
  // The learner's peek calls get, which counts an access.
  override peek(key: K): V | undefined {
    return this.get(key);
  }
}
