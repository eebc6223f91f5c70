/**
 * Buggy variant: stores the compressed form of every value above the threshold, even when it is larger than the raw one.
 * @caughtBy never-larger
 */
import { CompressedCache as Base } from '../base/compression.js';

export type { Codec, CompressedCacheOptions, CompressionStats } from '../base/compression.js';

export class CompressedCache<V> extends Base<V> {
  protected override keepCompressed(): boolean {
    // The mistake: compression is assumed to always pay.
    return true;
  }
}
