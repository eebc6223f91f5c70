/**
 * Buggy variant: the fraction returned by addNode and removeNode also counts keys deleted since they were written.
 * @caughtBy add-node
 */
import { ShardedCache as Base } from '../base/sharded-cache.js';

export class ShardedCache<V> extends Base<V> {
  // The mistake: a deleted key stays in the Set of written keys, though it can no longer miss.
  protected override forget(): void {}
}
