/**
 * Buggy variant: the syllabus's "compressed:" + deflate format, applied to every value above the threshold even when the result is larger than the value.
 * @caughtBy never-larger
 */
import { CompressedCache as Base, compressWith, decompressWith, encoder, HEADER_BYTES } from '../base/compression.js';

export type { Codec, CompressedCacheOptions, CompressionStats } from '../base/compression.js';

const PREFIX = encoder.encode('compressed:');

export class CompressedCache<V> extends Base<V> {
  protected override encode(raw: Uint8Array): Uint8Array {
    if (raw.length <= this.thresholdBytes) return this.frame('raw', raw, raw);
    // The mistake: no comparison with the raw size: short or random values grow.
    const compressed = compressWith(this.codec, raw);
    const payload = new Uint8Array(PREFIX.length + compressed.length);
    payload.set(PREFIX);
    payload.set(compressed, PREFIX.length);
    return this.frame('raw', raw, payload);
  }

  protected override decode(stored: Uint8Array): string {
    const payload = stored.subarray(HEADER_BYTES);
    const isCompressed = PREFIX.every((b, i) => payload[i] === b);
    const raw = isCompressed ? decompressWith(this.codec, payload.subarray(PREFIX.length), 1 << 30) : payload;
    const framed = this.frame('raw', raw, raw);
    if (framed.length !== HEADER_BYTES + raw.length || framed.subarray(1, HEADER_BYTES).some((b, i) => b !== stored[1 + i])) throw new Error('checksum mismatch');
    return new TextDecoder('utf-8', { fatal: true }).decode(raw);
  }
}
