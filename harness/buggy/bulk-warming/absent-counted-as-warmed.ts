/**
 * Buggy variant: a key the map has no value for is counted as warmed, not absent.
 * @caughtBy isolation
 */
import { BulkWarmer, bulkWarmWith, type BulkFailure, type Counts } from '../base/bulk-warming.js';

class Warmer<V> extends BulkWarmer<V> {
  protected override async warmKey(key: string, values: ReadonlyMap<string, V>, counts: Counts, failures: BulkFailure[]): Promise<void> {
    if (!values.has(key)) {
      // The mistake: "not there" counted as done-and-warmed.
      counts.warmed++;
      return;
    }
    await super.warmKey(key, values, counts, failures);
  }
}

export const bulkWarm = bulkWarmWith(Warmer);
