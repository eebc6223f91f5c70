/**
 * Buggy variant: eviction scans every entry for the smallest count (then takes that count's least recently used key) instead of tracking the minimum.
 * @caughtBy constant-time
 */
import { LFUCache as Base } from '../base/lfu.js';

export type { LFUOptions } from '../base/lfu.js';

/** A cache that evicts the least frequently used entry (oldest access first on ties). */
export class LFUCache<K, V> extends Base<K, V> {
  // The learner finds the smallest count by scanning every entry instead of reading minCount.
  protected override evictionVictim(): Base.Node<K, V> | undefined {
    let smallest = Infinity;
    for (const node of this.nodes.values()) smallest = Math.min(smallest, node.count);
    return this.lists.get(smallest)?.tail;
  }
}
