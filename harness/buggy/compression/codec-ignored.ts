/**
 * Buggy variant: always compresses with deflate, whatever codec was chosen.
 * @caughtBy codecs
 */
import { CompressedCache as Base, compressWith, type Tag } from '../base/compression.js';

export type { Codec, CompressedCacheOptions, CompressionStats } from '../base/compression.js';

export class CompressedCache<V> extends Base<V> {
  protected override compress(raw: Uint8Array): { tag: Tag; payload: Uint8Array } {
    // The mistake: the codec option is read but never used.
    return { tag: 'deflate', payload: compressWith('deflate', raw) };
  }
}
