/**
 * Buggy variant: set does not pass ttlMs on to the node, so entries never expire.
 * @caughtBy routing
 */
import { ShardedCache as Base } from '../base/sharded-cache.js';

export class ShardedCache<V> extends Base<V> {
  // The mistake: the TTL is lost on the way to the node.
  protected override write(node: string, key: string, value: V): Promise<void> {
    return this.stores.get(node)!.set(key, value);
  }
}
