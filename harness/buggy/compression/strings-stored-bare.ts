/**
 * Buggy variant: stores strings as their bare UTF-8 text (without JSON quotes) to save two bytes, and reads back "anything that parses as JSON is JSON", so the string "123" comes back as the number 123.
 * @caughtBy unambiguous
 */
import { CompressedCache as Base, encoder } from '../base/compression.js';

export type { Codec, CompressedCacheOptions, CompressionStats } from '../base/compression.js';

export class CompressedCache<V> extends Base<V> {
  override async set(key: string, value: V, ttlMs?: number): Promise<void> {
    if (typeof value !== 'string') return super.set(key, value, ttlMs);
    if (typeof key !== 'string') throw new TypeError('key must be a string');
    if (ttlMs !== undefined && (typeof ttlMs !== 'number' || !(ttlMs > 0))) throw new RangeError('ttlMs must be a positive number');
    // The mistake: the text itself, not JSON.stringify(value).
    const raw = encoder.encode(value);
    const entry = this.encode(raw, value);
    await this.write(key, entry, ttlMs);
    this.record(key, raw.length, entry.length);
  }

  override async get(key: string): Promise<V | undefined> {
    const stored = await this.load(key);
    if (stored === undefined) return super.get(key);
    let text: string;
    try {
      text = this.decode(stored);
    } catch {
      return super.get(key);
    }
    try {
      return JSON.parse(text) as V;
    } catch {
      return text as V;
    }
  }
}
