/**
 * Buggy variant: ratePerSecond is ignored: every chunk starts as soon as a slot is free.
 * @caughtBy limits
 */
import { BulkWarmer, bulkWarmWith } from '../base/bulk-warming.js';

class Warmer<V> extends BulkWarmer<V> {
  protected override takeStart(): Promise<void> {
    // The mistake: no rate limit at all.
    return Promise.resolve();
  }
}

export const bulkWarm = bulkWarmWith(Warmer);
