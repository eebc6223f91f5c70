/**
 * Buggy variant: when both the cache write and the invalidation fail, it reports them and still acknowledges the set.
 * @caughtBy failed-invalidation
 */
import { WriteThrough as Base } from '../base/write-through.js';

export class WriteThrough<V> extends Base<V> {
  // The mistake: a failed invalidation is not passed on.
  protected override async invalidate(key: string): Promise<void> {
    try {
      await this.cache.delete(key);
    } catch (error) {
      this.onCacheError(error, 'delete', key);
    }
  }
}
