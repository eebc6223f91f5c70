/**
 * The correct `secure-cache` implementation that the buggy variants in `harness/buggy/secure-cache/`
 * extend.
 *
 * A value goes to the store as `seal(pack(json))` and comes back as `unpack(open(entry))`:
 * `pack` adds the compression flag (and deflates when worthwhile), `seal` encrypts with the
 * newest key into the envelope `version 1 | key id | IV (12) | tag (16) | ciphertext`, and
 * `open` checks and decrypts it, throwing a {@link Refused} when it cannot be trusted. Each
 * variant overrides one of the small `protected` hooks below to add its flaw.
 *
 * @module
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { CacheStore } from '../../../exercises/workbook.js';
import type { EncryptionKey, RejectReason, SecureCacheOptions } from '../../../solutions/secure-cache.js';
// The contract's types are the reference's: only the implementation below differs.
export type { EncryptionKey, RejectReason, SecureCacheOptions };

/** A stored entry that cannot be read, and why. */
export class Refused extends Error {
  constructor(readonly reason: RejectReason) {
    super(reason);
  }
}

export const VERSION = 1;
export const IV_BYTES = 12;
export const TAG_BYTES = 16;
export const HEADER_BYTES = 2 + IV_BYTES + TAG_BYTES;

/** An encrypted cache of JSON values. */
export class SecureCache<V = unknown> {
  protected readonly store: CacheStore<Uint8Array>;
  /** Every configured key by id, in the order given (the last is the newest). */
  protected readonly keyring = new Map<number, Buffer>();
  protected readonly newestId: number;
  protected readonly namespace: string;
  protected readonly maxValueBytes: number;
  protected readonly compressAbove: number;
  protected readonly onRejected: (key: string, reason: RejectReason) => void;
  protected rejectedCount = 0;

  constructor(options: SecureCacheOptions) {
    if (typeof options !== 'object' || options === null) throw new TypeError('SecureCache: options must be an object');
    const { store, keys, namespace = '', maxValueBytes = 1024 * 1024, compressAboveBytes = Infinity, onRejected = () => undefined } = options;
    if (typeof store !== 'object' || store === null || !['get', 'set', 'delete'].every((m) => typeof (store as unknown as Record<string, unknown>)[m] === 'function')) {
      throw new TypeError('SecureCache: store must be a CacheStore');
    }
    if (!Array.isArray(keys)) throw new TypeError('SecureCache: keys must be an array');
    if (keys.length === 0) throw new RangeError('SecureCache: keys must not be empty');
    for (const entry of keys as readonly EncryptionKey[]) {
      if (typeof entry !== 'object' || entry === null) throw new TypeError('SecureCache: keys must hold { id, key } objects');
      if (typeof entry.id !== 'number') throw new TypeError('SecureCache: a key id must be a number');
      if (!Number.isInteger(entry.id) || entry.id < 0 || entry.id > 255) throw new RangeError('SecureCache: a key id must be an integer 0..255');
      if (!(entry.key instanceof Uint8Array)) throw new TypeError('SecureCache: a key must be a Uint8Array');
      if (entry.key.length !== 32) throw new RangeError('SecureCache: a key must be exactly 32 bytes');
      if (this.keyring.has(entry.id)) throw new RangeError(`SecureCache: key id ${entry.id} is used twice`);
      this.keyring.set(entry.id, Buffer.from(entry.key));
    }
    this.newestId = keys.at(-1)!.id;
    if (typeof namespace !== 'string') throw new TypeError('SecureCache: namespace must be a string');
    if (typeof maxValueBytes !== 'number') throw new TypeError('SecureCache: maxValueBytes must be a number');
    if (!Number.isSafeInteger(maxValueBytes) || maxValueBytes < 1) throw new RangeError('SecureCache: maxValueBytes must be a safe integer >= 1');
    if (typeof compressAboveBytes !== 'number') throw new TypeError('SecureCache: compressAboveBytes must be a number');
    if (!(compressAboveBytes === Infinity || (Number.isSafeInteger(compressAboveBytes) && compressAboveBytes >= 0))) {
      throw new RangeError('SecureCache: compressAboveBytes must be a safe integer >= 0 or Infinity');
    }
    if (typeof onRejected !== 'function') throw new TypeError('SecureCache: onRejected must be a function');
    this.store = store;
    this.namespace = namespace;
    this.maxValueBytes = maxValueBytes;
    this.compressAbove = compressAboveBytes;
    this.onRejected = onRejected;
  }

  get rejected(): number {
    return this.rejectedCount;
  }

  async get(key: string): Promise<V | undefined> {
    checkKey(key);
    const storageKey = this.storageKey(key);
    const entry = await this.store.get(storageKey);
    if (entry === undefined) return undefined;
    const json = this.read(entry, storageKey);
    if (typeof json === 'string') return JSON.parse(json) as V;
    await this.refuse(key, storageKey, json.reason);
    return undefined;
  }

  async set(key: string, value: V, ttlMs?: number): Promise<void> {
    checkKey(key);
    const json = serialise(value);
    if (this.byteSize(json) > this.maxValueBytes) throw new RangeError('SecureCache.set: value is larger than maxValueBytes');
    if (ttlMs !== undefined && typeof ttlMs !== 'number') throw new TypeError('SecureCache.set: ttlMs must be a number');
    if (ttlMs !== undefined && !(ttlMs > 0)) throw new RangeError('SecureCache.set: ttlMs must be positive');
    const storageKey = this.storageKey(key);
    await this.write(storageKey, this.toEntry(Buffer.from(json, 'utf8'), storageKey), ttlMs);
  }

  async delete(key: string): Promise<void> {
    checkKey(key);
    await this.store.delete(this.storageKey(key));
  }

  /** The store key of `key`: injective in (namespace, key). */
  protected storageKey(key: string): string {
    return `${this.namespace.length}:${this.namespace}:${key}`;
  }

  /** The size that maxValueBytes limits: UTF-8 bytes of the JSON. */
  protected byteSize(json: string): number {
    return Buffer.byteLength(json, 'utf8');
  }

  /** Writes one entry to the store. */
  protected async write(storageKey: string, entry: Uint8Array, ttlMs: number | undefined): Promise<void> {
    await this.store.set(storageKey, entry, ttlMs);
  }

  /** The entry for the JSON bytes of a value. */
  protected toEntry(json: Buffer, storageKey: string): Uint8Array {
    return this.seal(this.pack(json), storageKey);
  }

  /** The JSON text in an entry; throws {@link Refused} when it cannot be trusted. */
  protected fromEntry(entry: Uint8Array, storageKey: string): string {
    return this.unpack(this.open(entry, storageKey));
  }

  /** The JSON text of an entry, or why it was refused. */
  protected read(entry: Uint8Array, storageKey: string): string | Refused {
    try {
      return this.fromEntry(entry, storageKey);
    } catch (error) {
      if (error instanceof Refused) return error;
      throw error;
    }
  }

  /** A refused entry: deleted, counted, reported. */
  protected async refuse(key: string, storageKey: string, reason: RejectReason): Promise<void> {
    await this.store.delete(storageKey);
    this.rejectedCount++;
    this.onRejected(key, reason);
  }

  /** The flag byte and the JSON, deflated when larger than the threshold and smaller so. */
  protected pack(json: Buffer): Buffer {
    if (json.length > this.compressAbove) {
      const deflated = deflateRawSync(json);
      if (deflated.length < json.length) return Buffer.concat([Buffer.of(1), deflated]);
    }
    return Buffer.concat([Buffer.of(0), json]);
  }

  protected unpack(plain: Buffer): string {
    if (plain[0] === 0) return plain.subarray(1).toString('utf8');
    if (plain[0] === 1) return inflateRawSync(plain.subarray(1)).toString('utf8');
    throw new Refused('malformed');
  }

  /** The key new entries are encrypted with. */
  protected writingKey(): { id: number; key: Buffer } {
    return { id: this.newestId, key: this.keyring.get(this.newestId)! };
  }

  /** The key that decrypts entries written with key `id`, if this instance has it. */
  protected readingKey(id: number): Buffer | undefined {
    return this.keyring.get(id);
  }

  /** A fresh IV for one write. */
  protected iv(): Buffer {
    return randomBytes(IV_BYTES);
  }

  /** What binds a ciphertext to its store slot. */
  protected aad(storageKey: string): Buffer {
    return Buffer.from(storageKey, 'utf8');
  }

  /** Encrypts into an envelope. */
  protected seal(plain: Buffer, storageKey: string): Uint8Array {
    const { id, key } = this.writingKey();
    const iv = this.iv();
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(this.aad(storageKey));
    const ciphertext = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([Buffer.of(VERSION, id), iv, cipher.getAuthTag(), ciphertext]);
  }

  /** Checks and decrypts an envelope. */
  protected open(entry: Uint8Array, storageKey: string): Buffer {
    if (entry.length < HEADER_BYTES + 1 || entry[0] !== VERSION) throw new Refused('malformed');
    const key = this.readingKey(entry[1]!);
    if (key === undefined) throw new Refused('unknown-key');
    const bytes = Buffer.from(entry);
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(2, 2 + IV_BYTES));
    decipher.setAAD(this.aad(storageKey));
    decipher.setAuthTag(bytes.subarray(2 + IV_BYTES, HEADER_BYTES));
    try {
      return Buffer.concat([decipher.update(bytes.subarray(HEADER_BYTES)), decipher.final()]);
    } catch {
      throw new Refused('tampered');
    }
  }
}

function checkKey(key: unknown): asserts key is string {
  if (typeof key !== 'string') throw new TypeError('SecureCache: key must be a string');
}

/** JSON.stringify, refusing what JSON would drop or change (bigints and cycles throw on their own), class instances included. */
export function serialise(value: unknown): string {
  if (value === undefined) throw new TypeError('SecureCache.set: value must not be undefined');
  const json = JSON.stringify(value, function (this: unknown, k: string, v: unknown) {
    // `this[k]` is the value before toJSON: a Date would otherwise arrive here as a string.
    const original: unknown = (this as Record<string, unknown>)[k];
    const prototype: unknown = typeof original === 'object' && original !== null ? Object.getPrototypeOf(original) : null;
    if (prototype !== null && prototype !== Object.prototype && prototype !== Array.prototype) throw new TypeError('SecureCache.set: value holds a class instance');
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') throw new TypeError('SecureCache.set: value is not a JSON value');
    if (typeof v === 'number' && !Number.isFinite(v)) throw new TypeError('SecureCache.set: value holds a non-finite number');
    return v;
  });
  return json;
}
