/**
 * Buggy variant: a failed read of a node is a miss, but onNodeError is never told.
 * @caughtBy node-errors
 */
import { ShardedCache as Base } from '../base/sharded-cache.js';

export class ShardedCache<V> extends Base<V> {
  // The mistake: the error is swallowed, so nobody learns the node is down.
  protected override failedRead(): void {}
}
