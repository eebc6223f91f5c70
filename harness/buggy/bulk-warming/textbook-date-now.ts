/**
 * Buggy variant: like the textbook's `const start = Date.now()` ... `(Date.now() - start) / 1000`, the run is timed with the wall clock instead of the injected clock, so elapsedMs is wrong.
 * @caughtBy elapsed
 */
import { BulkWarmer, bulkWarmWith } from '../base/bulk-warming.js';

class Warmer<V> extends BulkWarmer<V> {
  protected override startClock(): number {
    // The mistake: the wall clock, not options.clock.
    return Date.now();
  }

  protected override elapsedSince(start: number): number {
    return Date.now() - start;
  }
}

export const bulkWarm = bulkWarmWith(Warmer);
