/**
 * Buggy variant: compares the threshold with the JSON's string length (UTF-16 code units) instead of its UTF-8 byte size.
 * @caughtBy compressed-when-smaller
 */
import { CompressedCache as Base } from '../base/compression.js';

export type { Codec, CompressedCacheOptions, CompressionStats } from '../base/compression.js';

export class CompressedCache<V> extends Base<V> {
  protected override size(_raw: Uint8Array, json: string): number {
    // The mistake: json.length counts UTF-16 code units; "é" is 1 of them but 2 bytes.
    return json.length;
  }
}
