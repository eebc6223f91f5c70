/**
 * Buggy variant: the syllabus's format: raw values as bare UTF-8 JSON, larger ones as "compressed:" + deflate, no checksum, and any decoding error silently a miss (not deleted, not reported).
 * @caughtBy corruption
 */
import { CompressedCache as Base, compressWith, decompressWith, encoder } from '../base/compression.js';

export type { Codec, CompressedCacheOptions, CompressionStats } from '../base/compression.js';

const PREFIX = encoder.encode('compressed:');

export class CompressedCache<V> extends Base<V> {
  protected override encode(raw: Uint8Array): Uint8Array {
    if (raw.length <= this.thresholdBytes) return raw;
    const compressed = compressWith(this.codec, raw);
    const keep = compressed.length + PREFIX.length < raw.length;
    if (!keep) return raw;
    const out = new Uint8Array(PREFIX.length + compressed.length);
    out.set(PREFIX);
    out.set(compressed, PREFIX.length);
    return out;
  }

  protected override decode(stored: Uint8Array): string {
    const text = new TextDecoder().decode(stored);
    if (!text.startsWith('compressed:')) return text;
    return new TextDecoder().decode(decompressWith(this.codec, stored.subarray(PREFIX.length), 1 << 30));
  }

  // The mistake: whatever goes wrong is a plain miss: the entry stays and nobody hears of it.
  protected override async corrupt(): Promise<undefined> {
    return undefined;
  }
}
