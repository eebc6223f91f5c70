/**
 * Buggy variant: the capacity check is only `capacity >= 1`, so 1.5, Infinity and 2 ** 53 are accepted.
 * @caughtBy capacity-validation
 */
import { LRUCache as Base } from '../base/lru.js';

export type { LRUOptions } from '../base/lru.js';

/** A cache that evicts the least recently used entry when it is full. */
export class LRUCache<K, V> extends Base<K, V> {
  // The learner only checks `capacity >= 1`, not that it is a safe integer.
  protected override validateCapacity(capacity: number): void {
    if (typeof capacity !== 'number' || !(capacity >= 1)) {
      throw new RangeError(`capacity must be at least 1, got ${String(capacity)}`);
    }
  }
}
