/**
 * Exercise `compression` — a cache that stores JSON values compressed when that pays, in a
 * format that says how each entry is encoded and detects any change to it.
 *
 * Read first: chapters/05-operations/README.md (section "Compression").
 * Grade it:   npm run exercise compression
 *
 * The contract (the grader checks exactly this, nothing else):
 * - Values are JSON values: null, booleans, finite numbers, strings, and arrays and plain objects
 *   of those, nested to any depth (at least 1000). A value is serialised with `JSON.stringify`
 *   and measured in UTF-8 BYTES (not in string length). `get` returns a value deeply equal to
 *   `JSON.parse` of that text: exactly the value set, except that -0 comes back as 0. Empty
 *   strings, any unicode (astral characters, combining marks, lone surrogates), `"__proto__"`
 *   keys (own properties, as `JSON.parse` makes them) and deep nesting all come back exactly.
 * - A value whose serialised size is at most `thresholdBytes` is stored raw. A larger one is
 *   compressed with `codec` (`node:zlib`: `deflateSync`, `gzipSync` or `brotliCompressSync`, any
 *   level; for brotli pick a moderate quality such as 5: 11 is far too slow for a cache) and
 *   stored compressed ONLY if that entry is smaller than the raw one would be; otherwise raw.
 * - Every stored entry is a header of at most 16 bytes followed by the payload: the serialised
 *   bytes as they are (raw), or exactly the codec's output (compressed). The header says how the
 *   payload is encoded, for raw entries too, so that no raw value can pass for a compressed one,
 *   and carries a checksum of the serialised bytes (`zlib.crc32`), so that any change to an entry
 *   (a flipped byte, a truncation, bytes this class did not write) is detected.
 * - `get` of an entry that is not a valid encoding is a MISS: it resolves to `undefined`, deletes
 *   the entry from the store, and calls `onCorrupt(key, error)`. It never returns another value
 *   and never rejects for that reason. The store may hand back any `Uint8Array` (a `Buffer`, or a
 *   view into a larger buffer at an offset).
 * - Errors of the store itself are not misses: the call rejects (and `onCorrupt` is not called).
 * - `ttlMs` is passed on to `store.set` unchanged (`undefined` when not given).
 * - `stats` counts the entries this instance wrote and has not since overwritten, deleted, or
 *   found missing or corrupt on a `get`: `entries`, `rawBytes` (the sum of their serialised
 *   sizes) and `storedBytes` (the sum of their stored sizes, header included).
 * - Bad input throws (or rejects with) a TypeError or RangeError whose message names the
 *   argument, and changes nothing: `options` not an object, a `store` without get/set/delete,
 *   `thresholdBytes` not a safe integer >= 0, another `codec`, an `onCorrupt` that is not a
 *   function, a key that is not a string, a `ttlMs` that is not a positive number (Infinity is
 *   allowed), and a `value` that is not a JSON value, at any depth: undefined, NaN, ±Infinity,
 *   a bigint, a function, a symbol, a class instance (Date, Map, ...), a cycle.
 *
 * @module
 */
import type { CacheStore } from './workbook.js';

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

/** A cache of JSON values over a byte store, compressing large values and checking every entry. */
export class CompressedCache<V> implements CacheStore<V> {
  /** @param options - the store, the threshold, the codec and the corruption callback. */
  constructor(options: CompressedCacheOptions) {
    void options;
    throw new Error('Not implemented: CompressedCache constructor');
  }

  /** What this instance has stored and not since overwritten, deleted, or found missing or corrupt. */
  get stats(): CompressionStats {
    throw new Error('Not implemented: CompressedCache.stats');
  }

  /** The value under `key`; `undefined` when there is none, or when the entry is corrupt (then deleted and reported). */
  get(key: string): Promise<V | undefined> {
    void key;
    throw new Error('Not implemented: CompressedCache.get');
  }

  /** Stores `value` (a JSON value) under `key`, compressed when large and when that is smaller; `ttlMs` goes to the store. */
  set(key: string, value: V, ttlMs?: number): Promise<void> {
    void key;
    void value;
    void ttlMs;
    throw new Error('Not implemented: CompressedCache.set');
  }

  /** Removes `key` from the store. */
  delete(key: string): Promise<void> {
    void key;
    throw new Error('Not implemented: CompressedCache.delete');
  }
}
