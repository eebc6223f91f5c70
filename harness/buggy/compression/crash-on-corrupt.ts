/**
 * Buggy variant: lets the decompressor's or JSON.parse's exception escape from get instead of treating the corrupt entry as a miss.
 * @caughtBy corruption
 */
import { CompressedCache as Base } from '../base/compression.js';

export type { Codec, CompressedCacheOptions, CompressionStats } from '../base/compression.js';

export class CompressedCache<V> extends Base<V> {
  protected override corrupt(_key: string, error: unknown): Promise<undefined> {
    // The mistake: a bad entry in the cache becomes an error for every caller.
    throw error;
  }
}
