/**
 * Buggy variant: passes the TTL to the cache in seconds (ttlMs / 1000), as the textbook's `ttl = 3600` did.
 * @caughtBy read-through
 */
import { CacheAside as Base } from '../base/cache-aside.js';

export class CacheAside<V> extends Base<V> {
  // The mistake: the store takes milliseconds.
  protected override async cacheValue(key: string, value: V): Promise<void> {
    try {
      await this.cache.set(key, value, (this.ttlMs ?? 0) / 1000);
    } catch (error) {
      this.onCacheError(error, 'set', key);
    }
  }
}
