/**
 * Buggy variant: a failed chunk is retried at once, with no backoff delay.
 * @caughtBy backoff
 */
import { BulkWarmer, bulkWarmWith, type Loaded } from '../base/bulk-warming.js';

class Warmer<V> extends BulkWarmer<V> {
  protected override async loadWithRetries(chunk: string[]): Promise<Loaded<V>> {
    for (let attempt = 0; ; attempt++) {
      const loaded = await this.loadOnce(chunk, attempt);
      if ('values' in loaded || attempt >= this.maxRetries) return loaded;
      // The mistake: no wait before the next attempt.
    }
  }
}

export const bulkWarm = bulkWarmWith(Warmer);
