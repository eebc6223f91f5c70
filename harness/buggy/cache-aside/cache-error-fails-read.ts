/**
 * Buggy variant: lets a failing cache.get reject the read instead of falling back to the database.
 * @caughtBy cache-faults
 */
import { CacheAside as Base } from '../base/cache-aside.js';

export class CacheAside<V> extends Base<V> {
  // The mistake: no try/catch around the cache read.
  protected override readCache(key: string): Promise<V | undefined> {
    return this.cache.get(key);
  }
}
