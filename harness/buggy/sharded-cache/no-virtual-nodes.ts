/**
 * Buggy variant: one point per node on the ring, ignoring virtualNodes, so the arcs (and the load) are very uneven.
 * @caughtBy balance
 */
import { ShardedCache as Base, SortedRing, type Ring } from '../base/sharded-cache.js';

export class ShardedCache<V> extends Base<V> {
  // The mistake: without virtual nodes, 10 nodes typically get between 2% and 25% of the keys each.
  protected override createRing(): Ring {
    return new SortedRing(1);
  }
}
