/**
 * Buggy variant: duplicate keys are not removed, so they are loaded, written and counted twice.
 * @caughtBy every-key-once
 */
import { BulkWarmer, bulkWarmWith } from '../base/bulk-warming.js';

class Warmer<V> extends BulkWarmer<V> {
  protected override dedupe(keys: readonly string[]): string[] {
    // The mistake: no dedupe.
    return [...keys];
  }
}

export const bulkWarm = bulkWarmWith(Warmer);
