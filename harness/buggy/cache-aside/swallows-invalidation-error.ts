/**
 * Buggy variant: reports a failed invalidation but still resolves the update, so the caller believes the stale value is gone.
 * @caughtBy failed-invalidation
 */
import { CacheAside as Base } from '../base/cache-aside.js';

export class CacheAside<V> extends Base<V> {
  // The mistake: the error is reported, then ignored.
  protected override async invalidate(key: string): Promise<void> {
    try {
      await this.cache.delete(key);
    } catch (error) {
      this.onCacheError(error, 'delete', key);
    }
  }
}
