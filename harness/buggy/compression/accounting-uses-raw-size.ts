/**
 * Buggy variant: adds the serialised size, not the stored size, to storedBytes.
 * @caughtBy accounting
 */
import { CompressedCache as Base } from '../base/compression.js';

export type { Codec, CompressedCacheOptions, CompressionStats } from '../base/compression.js';

export class CompressedCache<V> extends Base<V> {
  protected override record(key: string, raw: number): void {
    // The mistake: storedBytes should be what the store holds (header and compression included).
    super.record(key, raw, raw);
  }
}
