/**
 * Buggy variant: get reads the pending writes and the cache but never the database: a row the cache does not hold reads as undefined.
 * @caughtBy reads
 */
import { WriteBehind as Base } from '../base/write-behind.js';

export type { WriteBehindOptions } from '../base/write-behind.js';

export class WriteBehind<V> extends Base<V> {
  protected override async readStored(key: string): Promise<V | undefined> {
    // The mistake: a cache miss is taken for "not there".
    try {
      return await this.cache.get(key);
    } catch (error) {
      this.onCacheError(error, 'get', key);
      return undefined;
    }
  }
}
