/**
 * Buggy variant: removeNode lets the last node go, leaving a client with nowhere to put a key.
 * @caughtBy remove-node
 */
import { ShardedCache as Base } from '../base/sharded-cache.js';

export class ShardedCache<V> extends Base<V> {
  // The mistake: no check for the last node.
  protected override checkNotLast(): void {}
}
