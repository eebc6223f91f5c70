/**
 * Buggy variant: a failed chunk makes the whole job start over, so chunks that had come back are requested again.
 * @caughtBy every-key-once
 */
import { BulkWarmer, bulkWarmWith, type Loaded } from '../base/bulk-warming.js';

class Warmer<V> extends BulkWarmer<V> {
  protected override async runAll(chunks: string[][]): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      // The mistake: the retry unit is the job, not the chunk.
      this.totals = { warmed: 0, absent: 0, failed: 0 };
      this.failures = [];
      const loads: Loaded<V>[] = [];
      await this.pool(chunks, async (chunk) => void loads.push(await this.loadOnce(chunk, attempt)));
      if (loads.every((l) => 'values' in l) || attempt >= this.maxRetries) {
        await this.pool(chunks, async (chunk) => this.finishChunk(chunk, loads[chunks.indexOf(chunk)] ?? { error: new Error('lost') }));
        return;
      }
      await this.sleep(this.retryDelay(attempt + 1));
    }
  }
}

export const bulkWarm = bulkWarmWith(Warmer);
