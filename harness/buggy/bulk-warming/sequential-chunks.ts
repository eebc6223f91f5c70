/**
 * Buggy variant: chunks are warmed one after another (`for (const chunk of chunks) await warm(chunk)`): concurrency is never used.
 * @caughtBy uses-concurrency
 */
import { BulkWarmer, bulkWarmWith } from '../base/bulk-warming.js';

class Warmer<V> extends BulkWarmer<V> {
  protected override async runAll(chunks: string[][]): Promise<void> {
    // The mistake: one chunk at a time.
    for (const chunk of chunks) await this.warmChunk(chunk);
  }
}

export const bulkWarm = bulkWarmWith(Warmer);
