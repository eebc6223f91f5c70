/**
 * Buggy variant: like the textbook's `await cache.set(key, value)`, the ttlMs option is never passed to cache.set.
 * @caughtBy ttl-passthrough
 */
import { BulkWarmer, bulkWarmWith, type BulkFailure, type Counts } from '../base/bulk-warming.js';

class Warmer<V> extends BulkWarmer<V> {
  protected override async warmKey(key: string, values: ReadonlyMap<string, V>, counts: Counts, failures: BulkFailure[]): Promise<void> {
    if (!values.has(key)) {
      counts.absent++;
      return;
    }
    try {
      // The mistake: no ttlMs.
      await this.cache.set(key, values.get(key) as V);
      counts.warmed++;
    } catch (error) {
      counts.failed++;
      failures.push({ key, error });
    }
  }
}

export const bulkWarm = bulkWarmWith(Warmer);
