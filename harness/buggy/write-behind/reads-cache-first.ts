/**
 * Buggy variant: get asks the cache first and looks at the pending writes only on a miss, so a cache that missed a write serves the old value.
 * @caughtBy cache-faults
 */
import { WriteBehind as Base } from '../base/write-behind.js';

export type { WriteBehindOptions } from '../base/write-behind.js';

export class WriteBehind<V> extends Base<V> {
  override async get(key: string): Promise<V | undefined> {
    this.checkKey(key);
    // The mistake: the cache is trusted over this instance's own pending writes.
    try {
      const cached = await this.cache.get(key);
      if (cached !== undefined) return cached;
    } catch (error) {
      this.onCacheError(error, 'get', key);
    }
    const pending = this.readPending(key);
    if (pending.found) return pending.value;
    return this.db.get(key);
  }
}
