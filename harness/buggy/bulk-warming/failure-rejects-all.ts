/**
 * Buggy variant: a chunk that failed every attempt throws, and Promise.all over the workers rejects the whole warming.
 * @caughtBy isolation
 */
import { BulkWarmer, bulkWarmWith, type Loaded } from '../base/bulk-warming.js';

class Warmer<V> extends BulkWarmer<V> {
  protected override async loadWithRetries(chunk: string[]): Promise<Loaded<V>> {
    const loaded = await super.loadWithRetries(chunk);
    // The mistake: the error escapes instead of failing the chunk's keys.
    if ('error' in loaded) throw loaded.error;
    return loaded;
  }
}

export const bulkWarm = bulkWarmWith(Warmer);
