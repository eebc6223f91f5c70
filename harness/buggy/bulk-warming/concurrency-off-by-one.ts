/**
 * Buggy variant: the pool allows one request more than concurrency (a `while (active <= concurrency)` check).
 * @caughtBy limits
 */
import { BulkWarmer, bulkWarmWith } from '../base/bulk-warming.js';

class Warmer<V> extends BulkWarmer<V> {
  protected override slots(): number {
    // The mistake: <= instead of <, one slot too many.
    return this.concurrency + 1;
  }
}

export const bulkWarm = bulkWarmWith(Warmer);
