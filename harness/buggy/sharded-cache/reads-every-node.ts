/**
 * Buggy variant: get asks every node and answers the first value found, instead of asking nodeFor(key) only.
 * @caughtBy routing
 */
import { ShardedCache as Base } from '../base/sharded-cache.js';

export class ShardedCache<V> extends Base<V> {
  // The mistake: a read costs one round trip per node, and finds keys that should have moved.
  protected override async read(_node: string, key: string): Promise<V | undefined> {
    for (const store of this.stores.values()) {
      const value = await store.get(key);
      if (value !== undefined) return value;
    }
    return undefined;
  }
}
