/**
 * Buggy variant: the header has a format tag but no real checksum, so a changed byte in a raw entry (a digit of a number) is read as another value.
 * @caughtBy corruption
 */
import { CompressedCache as Base } from '../base/compression.js';

export type { Codec, CompressedCacheOptions, CompressionStats } from '../base/compression.js';

export class CompressedCache<V> extends Base<V> {
  protected override checksum(): number {
    // The mistake: "deflate has its own checksum" — but raw entries have none, and a header byte is not covered.
    return 0;
  }
}
