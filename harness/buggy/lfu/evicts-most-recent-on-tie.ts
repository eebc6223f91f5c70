/**
 * Buggy variant: eviction takes the head of the smallest count's list, which is its most recently used key, so ties go to the most recent access.
 * @caughtBy tie-break-lru
 */
import { LFUCache as Base } from '../base/lfu.js';

export type { LFUOptions } from '../base/lfu.js';

/** A cache that evicts the least frequently used entry (oldest access first on ties). */
export class LFUCache<K, V> extends Base<K, V> {
  // The learner takes the victim from the head, the most recently used end of the list.
  protected override evictionVictim(): Base.Node<K, V> | undefined {
    return this.lists.get(this.minCount)?.head;
  }
}
