/**
 * Exercise `secure-cache` — a cache that stores every value encrypted, bound to its key, and
 * keeps reading across a key rotation.
 *
 * Read first: chapters/05-operations/README.md (section "Encrypting what you cache").
 * Grade it:   npm run exercise secure-cache
 *
 * The contract (the grader checks exactly this, nothing else):
 * - Values are JSON values, serialised with `JSON.stringify`; `get` returns what `JSON.parse`
 *   gives back. A value JSON cannot represent faithfully, at the top or nested (`undefined`, a
 *   function, a symbol, a bigint, `NaN` or `±Infinity`, a class instance such as a `Date` or a
 *   `Map`, a cycle), is refused with a TypeError
 *   naming `value`. A value whose serialised UTF-8 size exceeds `maxValueBytes` is refused with
 *   a RangeError naming `value`, and nothing changes: the previous entry stays readable.
 * - Each key is ONE store entry: `set` calls `store.set` once (passing `ttlMs` on), `delete`
 *   calls `store.delete`, `get` calls `store.get` (and never rewrites an entry: it only deletes
 *   one it refuses). Its store key is an INJECTIVE encoding of
 *   (namespace, key), such as `${namespace.length}:${namespace}:${key}`: distinct pairs never
 *   share a store entry. (Replacing odd characters, `a/b` → `a_b`, or joining with ':', tenant
 *   "a:b" key "c" vs tenant "a" key "b:c", leaks one user's data to another.)
 * - Every value is encrypted with AES-256-GCM (`crypto.createCipheriv('aes-256-gcm', key, iv)`)
 *   with a FRESH random 12-byte IV per write (`crypto.randomBytes`), the store key bound as
 *   additional authenticated data (`setAAD`), and the 16-byte auth tag checked on read
 *   (`setAuthTag` before `final()`). Always encrypt with the NEWEST key (the last of `keys`);
 *   decrypt with the key the entry names, so entries written before a rotation still read.
 *   Recommended envelope: version byte 1 | key id (1 byte) | IV (12) | tag (16) | ciphertext.
 *   Nothing of the value (nor of any part of it) may appear in the store in clear, in any encoding.
 * - With `compressAboveBytes` set, a value whose JSON is larger is deflated BEFORE it is
 *   encrypted (ciphertext does not compress), and kept compressed only if that is smaller: a
 *   flag byte at the start of the plaintext says which.
 * - A stored entry that cannot be read (tampered, truncated, copied from another key or
 *   namespace, written with a key id that is not configured, an unknown version, garbage) is a
 *   miss: `get` resolves `undefined`, deletes the entry from the store, adds 1 to `rejected` and
 *   calls `onRejected(key, reason)`: 'unknown-key' when the entry names a key id that is not
 *   configured, 'tampered' when the authentication fails (altered, or moved to another key),
 *   'malformed' when it is not an envelope at all. It never rejects for that reason and never
 *   returns another value. Errors of the store itself propagate (reject the call).
 * - `crypto.createCipher` / `createDecipher` must not be used: they derive the key and the IV
 *   from a password with one round of MD5 and no salt, so the same value always gives the same
 *   ciphertext (deprecated since Node 10, removed in Node 22).
 * - Bad input throws (or rejects with) a TypeError or RangeError naming the argument: an
 *   `options` or `store` that is not one, `keys` not a non-empty array, a key that is not a
 *   Uint8Array of exactly 32 bytes, an id that is not an integer 0..255 or is used twice, a
 *   `namespace` that is not a string, a `maxValueBytes` that is not a safe integer >= 1, a
 *   `compressAboveBytes` that is not a safe integer >= 0 or Infinity, an `onRejected` that is
 *   not a function, a `key` that is not a string, a `ttlMs` that is not a positive number
 *   (Infinity allowed), a bad `value` (above). Nothing changes when it does.
 *
 * @module
 */
import type { CacheStore } from './workbook.js';

/** One encryption key and the id written into each entry it encrypts. */
export interface EncryptionKey {
  /** An integer from 0 to 255, unique among the configured keys. */
  readonly id: number;
  /** Exactly 32 bytes (AES-256), e.g. from `crypto.randomBytes(32)`. */
  readonly key: Uint8Array;
}

/** Why a stored entry was refused. */
export type RejectReason = 'tampered' | 'unknown-key' | 'malformed';

/** Options for {@link SecureCache}. */
export interface SecureCacheOptions {
  /** Where the encrypted entries live. */
  store: CacheStore<Uint8Array>;
  /** The keys: the LAST encrypts, every one decrypts (see the chapter for the order of a rotation). Non-empty, distinct ids. */
  keys: readonly EncryptionKey[];
  /** Keeps this instance's entries apart from other namespaces' (a tenant id, say). Default `''`. */
  namespace?: string;
  /** The largest serialised value, in UTF-8 bytes. Default 1 MiB (1048576). */
  maxValueBytes?: number;
  /** Values whose JSON is larger than this many bytes are deflated before encryption. Default Infinity: never. */
  compressAboveBytes?: number;
  /** Told about each stored entry that was refused, and why. Default: nothing. */
  onRejected?: (key: string, reason: RejectReason) => void;
}

/** An encrypted cache of JSON values over any byte store. `V` is the type of the values (JSON values). */
export class SecureCache<V = unknown> {
  /** @param options - the store, the keys (newest last), and the optional settings. */
  constructor(options: SecureCacheOptions) {
    void options;
    throw new Error('Not implemented: SecureCache constructor');
  }

  /** How many stored entries were refused (tampered, unknown key, malformed) since creation. */
  get rejected(): number {
    throw new Error('Not implemented: SecureCache.rejected');
  }

  /** The value stored under `key`, or `undefined` when there is none or its entry was refused. */
  get(key: string): Promise<V | undefined> {
    throw new Error(`Not implemented: SecureCache.get(${String(key)})`);
  }

  /** Encrypts `value` and stores it under `key`, for `ttlMs` milliseconds when given. */
  set(key: string, value: V, ttlMs?: number): Promise<void> {
    void value;
    void ttlMs;
    throw new Error(`Not implemented: SecureCache.set(${String(key)})`);
  }

  /** Removes `key`. */
  delete(key: string): Promise<void> {
    throw new Error(`Not implemented: SecureCache.delete(${String(key)})`);
  }
}
