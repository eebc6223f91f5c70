/**
 * Buggy variant: like the textbook LFU, a capacity of 0 is accepted and gives a cache that silently stores nothing.
 * @caughtBy capacity-validation
 */
import { LFUCache as Base } from '../base/lfu.js';

export type { LFUOptions } from '../base/lfu.js';

/** A cache that evicts the least frequently used entry (oldest access first on ties). */
export class LFUCache<K, V> extends Base<K, V> {
  // The learner rejects only negative capacities, as the textbook does...
  protected override validateCapacity(capacity: number): void {
    if (!Number.isSafeInteger(capacity) || capacity < 0) {
      throw new RangeError(`capacity must be a positive safe integer, got ${String(capacity)}`);
    }
  }

  // ...and, like the textbook, makes a capacity of 0 store nothing.
  override set(key: K, value: V): this {
    return this.capacity <= 0 ? this : super.set(key, value);
  }
}
