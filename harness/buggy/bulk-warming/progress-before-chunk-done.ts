/**
 * Buggy variant: onProgress is called as soon as loadMany answers, counting every returned key as warmed before its cache.set has settled.
 * @caughtBy progress
 */
import { BulkWarmer, bulkWarmWith, type Counts, type Loaded } from '../base/bulk-warming.js';

class Warmer<V> extends BulkWarmer<V> {
  protected override async finishChunk(chunk: string[], loaded: Loaded<V>): Promise<void> {
    if ('error' in loaded) return super.finishChunk(chunk, loaded);
    // The mistake: progress is reported before the cache writes are done.
    const { warmed, absent, failed } = this.totals;
    const present = chunk.filter((k) => loaded.values.has(k)).length;
    const early = warmed + present;
    this.onProgress?.({ total: this.total, done: early + absent + failed + chunk.length - present, warmed: early, absent: absent + chunk.length - present, failed });
    const counts: Counts = { warmed: 0, absent: 0, failed: 0 };
    await Promise.all(chunk.map((key) => this.warmKey(key, loaded.values, counts, this.failures)));
    this.totals.warmed += counts.warmed;
    this.totals.absent += counts.absent;
    this.totals.failed += counts.failed;
  }
}

export const bulkWarm = bulkWarmWith(Warmer);
