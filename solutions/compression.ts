/**
 * Reference solution for the `compression` exercise: a cache that stores JSON values in a
 * byte store, compressed when that pays, in a format that says how it is encoded and is checked.
 *
 * Every stored entry is a 9-byte header followed by the payload:
 *
 * | bytes | what |
 * |---|---|
 * | 0 | the format tag: 0 raw, 1 deflate, 2 gzip, 3 brotli (written for raw entries too) |
 * | 1-4 | the length in bytes of the serialised value (big-endian) |
 * | 5-8 | the CRC-32 of the serialised value (big-endian) |
 * | 9- | the serialised value (UTF-8 JSON), as is or compressed with the tag's codec |
 *
 * Because every entry starts with a tag, no raw value can pass for a compressed one. Because
 * the checksum covers the serialised bytes, any change to an entry (a flipped byte, a truncation,
 * bytes some other program wrote) makes it fail to decode: `get` then treats it as a miss,
 * deletes it and reports it. The length bounds decompression, so a forged entry cannot inflate
 * into gigabytes (a "zip bomb").
 *
 * @module
 */
import { brotliCompressSync, brotliDecompressSync, constants, crc32, deflateSync, gunzipSync, gzipSync, inflateSync } from 'node:zlib';
import type { CacheStore } from '../exercises/workbook.js';
import { checkFunction, checkKey, checkMethods, checkNumber, checkOptions, describe } from './arguments.js';
import { serialiseJson } from './json-value.js';
import { KeyLock } from './key-lock.js';

/** A compression format of `node:zlib`. */
export type Codec = 'deflate' | 'gzip' | 'brotli';

/** Options for {@link CompressedCache}. */
export interface CompressedCacheOptions {
  /** Where the encoded entries are kept. */
  store: CacheStore<Uint8Array>;
  /** Values whose serialised size in bytes is at most this are stored raw. Default 1024. */
  thresholdBytes?: number;
  /** The compression format for larger values. Default `'deflate'`. */
  codec?: Codec;
  /** Told about each entry that `get` found corrupt (and deleted). Default: nothing. */
  onCorrupt?: (key: string, error: unknown) => void;
}

/** What a {@link CompressedCache} has stored and not since lost. */
export interface CompressionStats {
  /** How many entries. */
  entries: number;
  /** The sum of their serialised (UTF-8 JSON) sizes, in bytes. */
  rawBytes: number;
  /** The sum of their stored sizes, header included, in bytes. */
  storedBytes: number;
}

/** The class's name, for error messages. */
const NAME = 'CompressedCache';
const CODECS: readonly Codec[] = ['deflate', 'gzip', 'brotli'];
/** The format tags: the index is the byte written at the start of an entry. */
const TAGS = ['raw', ...CODECS] as const;
type Tag = (typeof TAGS)[number];
const HEADER_BYTES = 9;
/** Brotli's default quality, 11, is made for static files: far too slow for a cache. */
const BROTLI_QUALITY = 5;

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** Why `get` refused a stored entry; passed to `onCorrupt`. */
export class CorruptEntryError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'CorruptEntryError';
  }
}

/** A cache of JSON values over a byte store, compressing large values and checking every entry. */
export class CompressedCache<V> implements CacheStore<V> {
  readonly #store: CacheStore<Uint8Array>;
  readonly #thresholdBytes: number;
  readonly #codec: Codec;
  readonly #onCorrupt: (key: string, error: unknown) => void;
  /** The sizes of each entry this instance wrote and has not since lost. */
  readonly #sizes = new Map<string, { raw: number; stored: number }>();
  readonly #totals: CompressionStats = { entries: 0, rawBytes: 0, storedBytes: 0 };
  /** One call at a time per key, so a get that deletes a corrupt entry cannot delete a newer one. */
  readonly #lock = new KeyLock();

  /** @param options - the store, the threshold, the codec and the corruption callback. */
  constructor(options: CompressedCacheOptions) {
    checkOptions(options, NAME);
    const { store, thresholdBytes = 1024, codec = 'deflate', onCorrupt = () => {} } = options;
    checkMethods(store, 'options.store', NAME, 'a CacheStore', ['get', 'set', 'delete']);
    checkNumber(thresholdBytes, 'options.thresholdBytes', NAME, 'a safe integer >= 0', (n) => Number.isSafeInteger(n) && n >= 0);
    if (!CODECS.includes(codec)) throw new RangeError(`${NAME}: options.codec must be one of ${CODECS.join(', ')}, got ${describe(codec)}`);
    checkFunction(onCorrupt, 'options.onCorrupt', NAME);
    this.#store = store;
    this.#thresholdBytes = thresholdBytes;
    this.#codec = codec;
    this.#onCorrupt = onCorrupt;
  }

  /** What this instance has stored and not since overwritten, deleted, or found missing or corrupt. */
  get stats(): CompressionStats {
    return { ...this.#totals };
  }

  /** The value under `key`; `undefined` when there is none, or when the entry is corrupt (then deleted and reported). */
  async get(key: string): Promise<V | undefined> {
    checkKey(key, `${NAME}.get`);
    return this.#lock.run(key, async () => {
      const stored = await this.#store.get(key);
      if (stored === undefined) {
        this.#forget(key);
        return undefined;
      }
      let value: V;
      try {
        value = JSON.parse(decode(stored)) as V;
      } catch (error) {
        await this.#store.delete(key);
        this.#forget(key);
        this.#onCorrupt(key, error);
        return undefined;
      }
      return value;
    });
  }

  /** Stores `value` (a JSON value) under `key`, compressed when large and when that is smaller; `ttlMs` goes to the store. */
  async set(key: string, value: V, ttlMs?: number): Promise<void> {
    checkKey(key, `${NAME}.set`);
    const json = serialiseJson(value, `${NAME}.set`);
    if (ttlMs !== undefined) checkNumber(ttlMs, 'ttlMs', `${NAME}.set`, 'a positive number (Infinity allowed)', (n) => n > 0);
    const raw = encoder.encode(json);
    const entry = this.#encode(raw);
    await this.#lock.run(key, async () => {
      await this.#store.set(key, entry, ttlMs);
      this.#forget(key);
      this.#sizes.set(key, { raw: raw.length, stored: entry.length });
      this.#totals.entries += 1;
      this.#totals.rawBytes += raw.length;
      this.#totals.storedBytes += entry.length;
    });
  }

  /** Removes `key` from the store. */
  async delete(key: string): Promise<void> {
    checkKey(key, `${NAME}.delete`);
    await this.#lock.run(key, async () => {
      await this.#store.delete(key);
      this.#forget(key);
    });
  }

  /** The stored entry for serialised bytes `raw`: compressed when above the threshold and smaller. */
  #encode(raw: Uint8Array): Uint8Array {
    if (raw.length > this.#thresholdBytes) {
      const compressed = compress(this.#codec, raw);
      if (compressed.length < raw.length) return entry(this.#codec, raw, compressed);
    }
    return entry('raw', raw, raw);
  }

  /** Takes `key` out of the stats, if this instance counted it. */
  #forget(key: string): void {
    const sizes = this.#sizes.get(key);
    if (sizes === undefined) return;
    this.#sizes.delete(key);
    this.#totals.entries -= 1;
    this.#totals.rawBytes -= sizes.raw;
    this.#totals.storedBytes -= sizes.stored;
  }
}

/** A header and `payload`, for serialised bytes `raw` encoded as `tag`. */
function entry(tag: Tag, raw: Uint8Array, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(HEADER_BYTES + payload.length);
  const view = new DataView(out.buffer);
  view.setUint8(0, TAGS.indexOf(tag));
  view.setUint32(1, raw.length);
  view.setUint32(5, crc32(raw));
  out.set(payload, HEADER_BYTES);
  return out;
}

/** The serialised value (JSON text) a stored entry holds; throws a CorruptEntryError if it is not a valid entry. */
function decode(stored: Uint8Array): string {
  if (!(stored instanceof Uint8Array) || stored.length < HEADER_BYTES) throw new CorruptEntryError('too short to be an entry');
  const view = new DataView(stored.buffer, stored.byteOffset, stored.byteLength);
  const tag = TAGS[view.getUint8(0)];
  if (tag === undefined) throw new CorruptEntryError(`unknown format tag ${view.getUint8(0)}`);
  const length = view.getUint32(1);
  const payload = stored.subarray(HEADER_BYTES);
  let raw: Uint8Array;
  try {
    raw = tag === 'raw' ? payload : decompress(tag, payload, length);
  } catch (error) {
    throw new CorruptEntryError(`the ${tag} payload does not decompress`, { cause: error });
  }
  if (raw.length !== length) throw new CorruptEntryError(`expected ${length} bytes, got ${raw.length}`);
  if (crc32(raw) !== view.getUint32(5)) throw new CorruptEntryError('checksum mismatch');
  return decoder.decode(raw);
}

function compress(codec: Codec, raw: Uint8Array): Uint8Array {
  if (codec === 'deflate') return deflateSync(raw);
  if (codec === 'gzip') return gzipSync(raw);
  return brotliCompressSync(raw, {
    params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
  });
}

/** Decompresses `payload`, refusing to produce more than `length` bytes. */
function decompress(codec: Codec, payload: Uint8Array, length: number): Uint8Array {
  // maxOutputLength must be at least 1; one byte more than expected is enough to see a mismatch.
  const options = { maxOutputLength: length + 1 };
  if (codec === 'deflate') return inflateSync(payload, options);
  if (codec === 'gzip') return gunzipSync(payload, options);
  return brotliDecompressSync(payload, options);
}
