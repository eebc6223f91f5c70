/**
 * Buggy variant: a cache.set that rejects is tried once more, though a failed set is not to be retried.
 * @caughtBy isolation
 */
import { BulkWarmer, bulkWarmWith, type BulkFailure, type Counts } from '../base/bulk-warming.js';

class Warmer<V> extends BulkWarmer<V> {
  protected override async warmKey(key: string, values: ReadonlyMap<string, V>, counts: Counts, failures: BulkFailure[]): Promise<void> {
    if (!values.has(key)) {
      counts.absent++;
      return;
    }
    try {
      await this.cache.set(key, values.get(key) as V, this.ttlMs);
      counts.warmed++;
    } catch {
      // The mistake: the set is retried, and its first failure is forgotten.
      await super.warmKey(key, values, counts, failures);
    }
  }
}

export const bulkWarm = bulkWarmWith(Warmer);
