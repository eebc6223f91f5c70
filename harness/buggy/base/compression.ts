/**
 * The correct `compression` implementation that the buggy variants in `harness/buggy/compression/`
 * extend.
 *
 * An entry is a 9-byte header (format tag: 0 raw, 1 deflate, 2 gzip, 3 brotli; the serialised
 * length; the CRC-32 of the serialised bytes) followed by the payload. `set` validates and
 * serialises the value, compresses it when it is above the threshold and that is smaller, and
 * counts the entry in the stats once the store has it. `get` decodes; anything that does not
 * decode and check out is deleted, reported, and a miss.
 *
 * Each variant overrides one of the small `protected` hooks below to add its flaw.
 *
 * @module
 */
import { brotliCompressSync, brotliDecompressSync, constants, crc32, deflateSync, gunzipSync, gzipSync, inflateSync } from 'node:zlib';
import type { CacheStore } from '../../../exercises/workbook.js';
import type { Codec, CompressedCacheOptions, CompressionStats } from '../../../solutions/compression.js';
// The contract's types are the reference's: only the implementation below differs.
export type { Codec, CompressedCacheOptions, CompressionStats };

export const CODECS: readonly Codec[] = ['deflate', 'gzip', 'brotli'];
/** The format tags: the index is the first byte of an entry. */
export const TAGS = ['raw', 'deflate', 'gzip', 'brotli'] as const;
export type Tag = (typeof TAGS)[number];
export const HEADER_BYTES = 9;

export const encoder = new TextEncoder();
export const decoder = new TextDecoder('utf-8', { fatal: true });

export function compressWith(codec: Codec, raw: Uint8Array): Uint8Array {
  if (codec === 'deflate') return deflateSync(raw);
  if (codec === 'gzip') return gzipSync(raw);
  return brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } });
}

export function decompressWith(codec: Codec, payload: Uint8Array, maxOutputLength: number): Uint8Array {
  const options = { maxOutputLength };
  if (codec === 'deflate') return inflateSync(payload, options);
  if (codec === 'gzip') return gunzipSync(payload, options);
  return brotliDecompressSync(payload, options);
}

/** Throws a TypeError unless `value` is a JSON value, at any depth. */
export function checkJsonDeep(value: unknown, path = 'value', ancestors = new Set<object>()): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`value must be a JSON value, got ${value} at ${path}`);
    return;
  }
  if (typeof value !== 'object') throw new TypeError(`value must be a JSON value, got a ${typeof value} at ${path}`);
  if (ancestors.has(value)) throw new TypeError(`value must be a JSON value, got a cycle at ${path}`);
  ancestors.add(value);
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) throw new TypeError(`value must be a JSON value, got an array subclass at ${path}`);
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) throw new TypeError(`value must be a JSON value, got a hole at ${path}[${i}]`);
      checkJsonDeep(value[i], `${path}[${i}]`, ancestors);
    }
  } else {
    const prototype: unknown = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) throw new TypeError(`value must be a JSON value, got a class instance at ${path}`);
    for (const [k, v] of Object.entries(value)) checkJsonDeep(v, `${path}.${k}`, ancestors);
  }
  ancestors.delete(value);
}

/** A compressing cache of JSON values over a byte store. */
export class CompressedCache<V> implements CacheStore<V> {
  protected readonly store: CacheStore<Uint8Array>;
  protected readonly thresholdBytes: number;
  protected readonly codec: Codec;
  protected readonly onCorrupt: (key: string, error: unknown) => void;
  /** key -> the sizes of the entry this instance wrote there. */
  protected readonly sizes = new Map<string, { raw: number; stored: number }>();
  protected readonly totals: CompressionStats = { entries: 0, rawBytes: 0, storedBytes: 0 };

  constructor(options: CompressedCacheOptions) {
    if (typeof options !== 'object' || options === null) throw new TypeError('options must be an object');
    const { store, thresholdBytes = 1024, codec = 'deflate', onCorrupt = () => {} } = options;
    if (typeof store !== 'object' || store === null || !['get', 'set', 'delete'].every((m) => typeof (store as unknown as Record<string, unknown>)[m] === 'function')) {
      throw new TypeError('options.store must be a CacheStore');
    }
    if (!Number.isSafeInteger(thresholdBytes) || thresholdBytes < 0) throw new RangeError('options.thresholdBytes must be a safe integer >= 0');
    if (!CODECS.includes(codec)) throw new RangeError('options.codec must be deflate, gzip or brotli');
    if (typeof onCorrupt !== 'function') throw new TypeError('options.onCorrupt must be a function');
    this.store = store;
    this.thresholdBytes = thresholdBytes;
    this.codec = codec;
    this.onCorrupt = onCorrupt;
  }

  get stats(): CompressionStats {
    return { ...this.totals };
  }

  async get(key: string): Promise<V | undefined> {
    checkKey(key);
    const stored = await this.load(key);
    if (stored === undefined) {
      this.forget(key);
      return undefined;
    }
    let json: string;
    let value: V;
    try {
      json = this.decode(stored);
      value = JSON.parse(json) as V;
    } catch (error) {
      return this.corrupt(key, error);
    }
    return value;
  }

  async set(key: string, value: V, ttlMs?: number): Promise<void> {
    checkKey(key);
    this.checkValue(value);
    if (ttlMs !== undefined && (typeof ttlMs !== 'number' || !(ttlMs > 0))) throw new RangeError('ttlMs must be a positive number');
    const json = JSON.stringify(value);
    const raw = encoder.encode(json);
    const entry = this.encode(raw, json);
    await this.write(key, entry, ttlMs);
    this.record(key, raw.length, entry.length);
  }

  async delete(key: string): Promise<void> {
    checkKey(key);
    await this.store.delete(key);
    this.forget(key);
  }

  /** Throws a TypeError unless `value` is a JSON value. */
  protected checkValue(value: unknown): void {
    checkJsonDeep(value);
  }

  /** The size the threshold is compared with. */
  protected size(raw: Uint8Array, json: string): number {
    void json;
    return raw.length;
  }

  /** Whether a value of this size is worth trying to compress. */
  protected aboveThreshold(size: number): boolean {
    return size > this.thresholdBytes;
  }

  /** Whether to store the compressed payload rather than the raw one. */
  protected keepCompressed(compressed: Uint8Array, raw: Uint8Array): boolean {
    return compressed.length < raw.length;
  }

  protected compress(raw: Uint8Array): { tag: Tag; payload: Uint8Array } {
    return { tag: this.codec, payload: compressWith(this.codec, raw) };
  }

  protected checksum(raw: Uint8Array): number {
    return crc32(raw);
  }

  /** The stored entry for the serialised value. */
  protected encode(raw: Uint8Array, json: string): Uint8Array {
    if (this.aboveThreshold(this.size(raw, json))) {
      const { tag, payload } = this.compress(raw);
      if (this.keepCompressed(payload, raw)) return this.frame(tag, raw, payload);
    }
    return this.frame('raw', raw, raw);
  }

  protected frame(tag: Tag, raw: Uint8Array, payload: Uint8Array): Uint8Array {
    const out = new Uint8Array(HEADER_BYTES + payload.length);
    const view = new DataView(out.buffer);
    view.setUint8(0, TAGS.indexOf(tag));
    view.setUint32(1, raw.length);
    view.setUint32(5, this.checksum(raw));
    out.set(payload, HEADER_BYTES);
    return out;
  }

  /** The serialised value in a stored entry; throws if it is not a valid entry. */
  protected decode(stored: Uint8Array): string {
    if (stored.length < HEADER_BYTES) throw new Error('too short');
    const view = new DataView(stored.buffer, stored.byteOffset, stored.byteLength);
    const tag = TAGS[view.getUint8(0)];
    if (tag === undefined) throw new Error('unknown tag');
    const length = view.getUint32(1);
    const payload = stored.subarray(HEADER_BYTES);
    const raw = tag === 'raw' ? payload : decompressWith(tag, payload, length + 1);
    if (raw.length !== length) throw new Error('wrong length');
    if (this.checksum(raw) !== view.getUint32(5)) throw new Error('checksum mismatch');
    return decoder.decode(raw);
  }

  /** Reads the stored entry. */
  protected load(key: string): Promise<Uint8Array | undefined> {
    return this.store.get(key);
  }

  /** Writes the stored entry. */
  protected write(key: string, entry: Uint8Array, ttlMs: number | undefined): Promise<void> {
    return this.store.set(key, entry, ttlMs);
  }

  /** A corrupt entry: deleted, forgotten, reported, a miss. */
  protected async corrupt(key: string, error: unknown): Promise<undefined> {
    await this.store.delete(key);
    this.forget(key);
    this.onCorrupt(key, error);
    return undefined;
  }

  /** Counts a new entry of `key` (replacing the one counted before). */
  protected record(key: string, raw: number, stored: number): void {
    this.forget(key);
    this.sizes.set(key, { raw, stored });
    this.totals.entries += 1;
    this.totals.rawBytes += raw;
    this.totals.storedBytes += stored;
  }

  /** Stops counting `key`. */
  protected forget(key: string): void {
    const sizes = this.sizes.get(key);
    if (sizes === undefined) return;
    this.sizes.delete(key);
    this.totals.entries -= 1;
    this.totals.rawBytes -= sizes.raw;
    this.totals.storedBytes -= sizes.stored;
  }
}

function checkKey(key: unknown): void {
  if (typeof key !== 'string') throw new TypeError('key must be a string');
}
