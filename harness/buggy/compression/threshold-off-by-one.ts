/**
 * Buggy variant: compresses values whose size equals the threshold (>= instead of >).
 * @caughtBy raw-below-threshold
 */
import { CompressedCache as Base } from '../base/compression.js';

export type { Codec, CompressedCacheOptions, CompressionStats } from '../base/compression.js';

export class CompressedCache<V> extends Base<V> {
  protected override aboveThreshold(size: number): boolean {
    // The mistake: "at most thresholdBytes is raw" means compress only when size > thresholdBytes.
    return size >= this.thresholdBytes;
  }
}
