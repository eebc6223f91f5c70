/**
 * Buggy variant: a get that finds the entry missing (evicted, expired) or corrupt does not take it out of the stats.
 * @caughtBy accounting
 */
import { CompressedCache as Base } from '../base/compression.js';

export type { Codec, CompressedCacheOptions, CompressionStats } from '../base/compression.js';

export class CompressedCache<V> extends Base<V> {
  override async get(key: string): Promise<V | undefined> {
    // The mistake: only delete() forgets a key; the stats keep what the store has lost.
    const counted = this.sizes.get(key);
    const value = await super.get(key);
    if (value === undefined && counted !== undefined) this.record(key, counted.raw, counted.stored);
    return value;
  }
}
