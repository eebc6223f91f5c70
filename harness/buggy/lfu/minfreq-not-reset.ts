/**
 * Buggy variant: inserting a new key does not set the minimum count back to 1, so the next eviction takes from a higher count while a count-1 key survives.
 * @caughtBy evicts-least-frequent
 */
import { LFUCache as Base } from '../base/lfu.js';

export type { LFUOptions } from '../base/lfu.js';

/** A cache that evicts the least frequently used entry (oldest access first on ties). */
export class LFUCache<K, V> extends Base<K, V> {
  // The learner sets minCount to 1 for the first key only, not for every new key.
  protected override insert(key: K, value: V): Base.Node<K, V> {
    const minCount = this.minCount;
    const node = super.insert(key, value);
    if (this.size > 1) this.minCount = minCount;
    return node;
  }

  protected override evictionVictim(): Base.Node<K, V> | undefined {
    // Nothing is left at minCount: move up to the lowest count still in use.
    if (!this.lists.has(this.minCount)) this.minCount = Math.min(...this.lists.keys());
    return super.evictionVictim();
  }
}
