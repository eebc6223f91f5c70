/**
 * Buggy variant: addNode and removeNode return the textbook share 1/(number of nodes) instead of measuring the written keys that moved.
 * @caughtBy add-node
 */
import { ShardedCache as Base } from '../base/sharded-cache.js';

export class ShardedCache<V> extends Base<V> {
  // The mistake: 1/(n + 1) is what adding a node moves on average over all keys, not what moved of the keys this client wrote.
  protected override movedFraction(): number {
    return 1 / this.stores.size;
  }
}
