/**
 * Buggy variant: the capacity check is `capacity < 0`, so a capacity of 0 is accepted.
 * @caughtBy capacity-validation
 */
import { LRUCache as Base } from '../base/lru.js';

export type { LRUOptions } from '../base/lru.js';

/** A cache that evicts the least recently used entry when it is full. */
export class LRUCache<K, V> extends Base<K, V> {
  // The learner rejects only negative capacities (`< 0` where `<= 0` is meant).
  protected override validateCapacity(capacity: number): void {
    if (!Number.isSafeInteger(capacity) || capacity < 0) {
      throw new RangeError(`capacity must be a positive safe integer, got ${String(capacity)}`);
    }
  }
}
