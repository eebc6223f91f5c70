/**
 * Reference solution for the `secure-cache` exercise: a cache whose every stored value is
 * encrypted with AES-256-GCM, bound to the key it is stored under, and readable across a key
 * rotation.
 *
 * A value goes to the store in four steps, and comes back through the same four in reverse:
 *
 * 1. **Serialise**: `JSON.stringify`, refusing what JSON cannot represent faithfully, then UTF-8.
 *    The size limit is checked here, on the UTF-8 bytes, before anything is written.
 * 2. **Compress** (when `compressAboveBytes` is set and the JSON is larger): deflate, kept only
 *    if smaller. This must come BEFORE encryption: ciphertext looks random and never compresses.
 *    One flag byte in front of the plaintext says which it is.
 * 3. **Encrypt** with the newest key, a fresh random 12-byte IV, and the storage key as
 *    additional authenticated data (AAD): the tag then vouches for the bytes AND for where
 *    they are stored, so a ciphertext copied to another key fails to decrypt.
 * 4. **Envelope**: `version (1) | key id | IV (12) | tag (16) | ciphertext`. The key id lets a
 *    reader pick the right key after a rotation.
 *
 * Anything that does not survive the way back (wrong version, unknown key id, a tag that does
 * not verify) is a miss: the entry is deleted, counted and reported, never thrown and never
 * returned.
 *
 * @module
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { CacheStore } from '../exercises/workbook.js';
import { checkFunction, checkKey, checkMethods, checkNumber, checkOptions, describe } from './arguments.js';
import { serialiseJson } from './json-value.js';

/** One encryption key and the id written into each envelope it seals. */
export interface EncryptionKey {
  /** An integer from 0 to 255, unique among the configured keys. */
  readonly id: number;
  /** Exactly 32 bytes (AES-256). */
  readonly key: Uint8Array;
}

/** Why a stored entry was refused. */
export type RejectReason = 'tampered' | 'unknown-key' | 'malformed';

/** Options for {@link SecureCache}. */
export interface SecureCacheOptions {
  /** Where the encrypted entries live. */
  store: CacheStore<Uint8Array>;
  /** The keys: the LAST encrypts, every one decrypts. Non-empty, distinct ids. */
  keys: readonly EncryptionKey[];
  /** Keeps this instance's entries apart from other namespaces' (a tenant id, say). Default `''`. */
  namespace?: string;
  /** The largest serialised value, in UTF-8 bytes. Default 1 MiB. */
  maxValueBytes?: number;
  /** Values whose JSON is larger than this many bytes are deflated before encryption. Default: never. */
  compressAboveBytes?: number;
  /** Told about each stored entry that was refused, and why. */
  onRejected?: (key: string, reason: RejectReason) => void;
}

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** version, key id, IV, tag. */
const HEADER_BYTES = 2 + IV_BYTES + TAG_BYTES;
const RAW = 0;
const DEFLATED = 1;

/** A stored entry that cannot be read, and why. */
class Refused extends Error {
  constructor(readonly reason: RejectReason) {
    super(reason);
  }
}

/** An encrypted cache of JSON values over any byte store. `V` is the type of the values (JSON values). */
export class SecureCache<V = unknown> {
  readonly #store: CacheStore<Uint8Array>;
  /** Every configured key by id. */
  readonly #keys = new Map<number, Buffer>();
  readonly #newest: number;
  readonly #namespace: string;
  readonly #maxValueBytes: number;
  readonly #compressAbove: number;
  readonly #onRejected: (key: string, reason: RejectReason) => void;
  #rejected = 0;

  /** @param options - the store, the keys (newest last), and the optional settings. */
  constructor(options: SecureCacheOptions) {
    const where = 'SecureCache';
    checkOptions(options, where);
    const { store, keys, namespace = '', maxValueBytes = 1024 * 1024, compressAboveBytes = Infinity, onRejected = () => undefined } = options;
    checkMethods(store, 'store', where, 'a CacheStore', ['get', 'set', 'delete']);
    if (!Array.isArray(keys)) throw new TypeError(`${where}: keys must be an array of { id, key }, got ${describe(keys)}`);
    if (keys.length === 0) throw new RangeError(`${where}: keys must not be empty`);
    for (const [i, entry] of (keys as readonly unknown[]).entries()) {
      if (typeof entry !== 'object' || entry === null) throw new TypeError(`${where}: keys[${i}] must be an object { id, key }, got ${describe(entry)}`);
      const { id, key } = entry as Record<string, unknown>;
      checkNumber(id, `keys[${i}].id`, where, 'an integer from 0 to 255', (n) => Number.isInteger(n) && n >= 0 && n <= 255);
      if (!(key instanceof Uint8Array)) throw new TypeError(`${where}: keys[${i}].key must be a Uint8Array, got ${describe(key)}`);
      if (key.length !== 32) throw new RangeError(`${where}: keys[${i}].key must be exactly 32 bytes (AES-256), got ${key.length}`);
      if (this.#keys.has(id)) throw new RangeError(`${where}: keys[${i}].id ${id} is used twice`);
      // A copy: the caller's array may change later; the key must not.
      this.#keys.set(id, Buffer.from(key));
    }
    this.#newest = (keys.at(-1) as EncryptionKey).id;
    if (typeof namespace !== 'string') throw new TypeError(`${where}: namespace must be a string, got ${describe(namespace)}`);
    checkNumber(maxValueBytes, 'maxValueBytes', where, 'a safe integer >= 1', (n) => Number.isSafeInteger(n) && n >= 1);
    checkNumber(compressAboveBytes, 'compressAboveBytes', where, 'a safe integer >= 0 or Infinity', (n) => n === Infinity || (Number.isSafeInteger(n) && n >= 0));
    checkFunction(onRejected, 'onRejected', where);
    this.#store = store;
    this.#namespace = namespace;
    this.#maxValueBytes = maxValueBytes;
    this.#compressAbove = compressAboveBytes;
    this.#onRejected = onRejected;
  }

  /** How many stored entries were refused (tampered, unknown key, malformed) since creation. */
  get rejected(): number {
    return this.#rejected;
  }

  /** The value stored under `key`, or `undefined` when there is none or its entry was refused. */
  async get(key: string): Promise<V | undefined> {
    checkKey(key, 'SecureCache.get');
    const storageKey = this.#storageKey(key);
    const entry = await this.#store.get(storageKey);
    if (entry === undefined) return undefined;
    let json: string;
    try {
      json = this.#open(entry, storageKey);
    } catch (error) {
      if (!(error instanceof Refused)) throw error;
      // Delete the entry so it is refused once, not on every read; then report it.
      await this.#store.delete(storageKey);
      this.#rejected++;
      this.#onRejected(key, error.reason);
      return undefined;
    }
    return JSON.parse(json) as V;
  }

  /** Encrypts `value` and stores it under `key`, for `ttlMs` milliseconds when given. */
  async set(key: string, value: V, ttlMs?: number): Promise<void> {
    checkKey(key, 'SecureCache.set');
    const json = Buffer.from(serialiseJson(value, 'SecureCache.set'), 'utf8');
    if (json.length > this.#maxValueBytes) {
      throw new RangeError(`SecureCache.set: value is ${json.length} bytes serialised, more than maxValueBytes (${this.#maxValueBytes})`);
    }
    if (ttlMs !== undefined) checkNumber(ttlMs, 'ttlMs', 'SecureCache.set', 'a positive number of milliseconds (Infinity allowed)', (n) => n > 0);
    const storageKey = this.#storageKey(key);
    await this.#store.set(storageKey, this.#seal(json, storageKey), ttlMs);
  }

  /** Removes `key`. */
  async delete(key: string): Promise<void> {
    checkKey(key, 'SecureCache.delete');
    await this.#store.delete(this.#storageKey(key));
  }

  /**
   * The store key of `key`: the namespace's length, then the namespace, then the key. The length
   * makes it injective: no other (namespace, key) pair gives the same string.
   */
  #storageKey(key: string): string {
    return `${this.#namespace.length}:${this.#namespace}:${key}`;
  }

  /** Compresses if worthwhile, then encrypts with the newest key into an envelope. */
  #seal(json: Buffer, storageKey: string): Uint8Array {
    let flag = RAW;
    let body = json;
    if (json.length > this.#compressAbove) {
      const deflated = deflateRawSync(json);
      if (deflated.length < json.length) [flag, body] = [DEFLATED, deflated];
    }
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#keys.get(this.#newest)!, iv);
    cipher.setAAD(Buffer.from(storageKey, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(Buffer.of(flag)), cipher.update(body), cipher.final()]);
    return Buffer.concat([Buffer.of(VERSION, this.#newest), iv, cipher.getAuthTag(), ciphertext]);
  }

  /** Checks and decrypts an envelope; throws {@link Refused} when it cannot be trusted. */
  #open(entry: Uint8Array, storageKey: string): string {
    if (!(entry instanceof Uint8Array) || entry.length < HEADER_BYTES + 1 || entry[0] !== VERSION) throw new Refused('malformed');
    const key = this.#keys.get(entry[1]!);
    if (key === undefined) throw new Refused('unknown-key');
    const bytes = Buffer.from(entry.buffer, entry.byteOffset, entry.length);
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(2, 2 + IV_BYTES), { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(storageKey, 'utf8'));
    decipher.setAuthTag(bytes.subarray(2 + IV_BYTES, HEADER_BYTES));
    let plain: Buffer;
    try {
      // final() throws when the tag does not verify: nothing decrypted is used before that.
      plain = Buffer.concat([decipher.update(bytes.subarray(HEADER_BYTES)), decipher.final()]);
    } catch {
      throw new Refused('tampered');
    }
    const body = plain.subarray(1);
    if (plain[0] === RAW) return body.toString('utf8');
    if (plain[0] === DEFLATED) return inflateRawSync(body).toString('utf8');
    throw new Refused('malformed');
  }
}

