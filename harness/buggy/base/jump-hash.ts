/**
 * The correct `jump-hash` implementation that the buggy variants in `harness/buggy/jump-hash/`
 * extend.
 *
 * The exercise exports plain functions, so the steps live in a class with small `protected`
 * methods and the module exports that class's methods, bound to one instance ({@link exportsOf}).
 * A variant subclasses {@link JumpHashing}, overrides the step its learner got wrong, and exports
 * `exportsOf(new Variant())`.
 *
 * `jumpHash` is Lamping and Veach's algorithm with bigint arithmetic; `hash64` is FNV-1a 64 over
 * the UTF-8 bytes of the text followed by MurmurHash3's fmix64 finaliser. It passes every
 * property of the `jump-hash` suite.
 *
 * @module
 */
import { utf8 } from './hash-ring.js';

const MASK64 = (1n << 64n) - 1n;

/** The steps of jump consistent hashing, each overridable. */
export class JumpHashing {
  /** The bucket in [0, buckets) for a 64-bit key. */
  jumpHash(key: bigint, buckets: number): number {
    this.checkKey(key);
    this.checkBuckets(buckets);
    let b = -1;
    let j = 0;
    let k = key;
    while (j < buckets) {
      b = j;
      k = this.step(k);
      j = this.nextJump(b, k);
    }
    return b;
  }

  /** A well-mixed 64-bit hash of `text`. */
  hash64(text: string): bigint {
    if (typeof text !== 'string') throw new TypeError(`hash64: text must be a string, got ${typeof text}`);
    return this.finalise(this.fnv1a64(text));
  }

  /** The bucket in [0, buckets) for a string key. */
  bucketOf(text: string, buckets: number): number {
    if (typeof text !== 'string') throw new TypeError(`bucketOf: text must be a string, got ${typeof text}`);
    return this.jumpHash(this.hash64(text), buckets);
  }

  /** The linear congruential step: key * 2862933555777941757 + 1 (mod 2^64). */
  protected step(key: bigint): bigint {
    return BigInt.asUintN(64, key * 2862933555777941757n + 1n);
  }

  /** The next candidate bucket: floor((b + 1) * (2^31 / ((key >> 33) + 1))), in doubles. */
  protected nextJump(b: number, key: bigint): number {
    return Math.floor((b + 1) * (2 ** 31 / Number((key >> 33n) + 1n)));
  }

  /** FNV-1a 64 of the UTF-8 bytes of `text`. */
  protected fnv1a64(text: string): bigint {
    const { bytes, length } = utf8(text);
    let h = 0xcbf29ce484222325n;
    for (let i = 0; i < length; i++) h = BigInt.asUintN(64, (h ^ BigInt(bytes[i]!)) * 0x100000001b3n);
    return h;
  }

  /** MurmurHash3's fmix64: every input bit affects every output bit. */
  protected finalise(h: bigint): bigint {
    h ^= h >> 33n;
    h = (h * 0xff51afd7ed558ccdn) & MASK64;
    h ^= h >> 33n;
    h = (h * 0xc4ceb9fe1a85ec53n) & MASK64;
    h ^= h >> 33n;
    return h;
  }

  /** Throws unless `key` is a bigint in [0, 2^64). */
  protected checkKey(key: unknown): void {
    if (typeof key !== 'bigint') throw new TypeError(`jumpHash: key must be a bigint, got ${typeof key}`);
    if (key < 0n || key > MASK64) throw new RangeError(`jumpHash: key must be in [0, 2^64), got ${key}`);
  }

  /** Throws unless `buckets` is a safe integer in [1, 2^31]. */
  protected checkBuckets(buckets: unknown): void {
    if (typeof buckets !== 'number') throw new TypeError(`jumpHash: buckets must be a number, got ${typeof buckets}`);
    if (!Number.isSafeInteger(buckets) || buckets < 1 || buckets > 2 ** 31) {
      throw new RangeError(`jumpHash: buckets must be a safe integer in [1, 2^31], got ${buckets}`);
    }
  }
}

/** The three functions of the exercise, bound to `hashing`. */
export function exportsOf(hashing: JumpHashing): {
  jumpHash: (key: bigint, buckets: number) => number;
  hash64: (text: string) => bigint;
  bucketOf: (text: string, buckets: number) => number;
} {
  return {
    jumpHash: (key, buckets) => hashing.jumpHash(key, buckets),
    hash64: (text) => hashing.hash64(text),
    bucketOf: (text, buckets) => hashing.bucketOf(text, buckets),
  };
}

export const { jumpHash, hash64, bucketOf } = exportsOf(new JumpHashing());
