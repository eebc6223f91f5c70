/**
 * Reference solution for the `jump-hash` exercise: jump consistent hash (Lamping and Veach, 2014).
 *
 * The idea: follow a key through bucket counts 1, 2, 3, …: at each count n + 1 the key jumps to the
 * new bucket n with probability 1/(n + 1), else it stays. A pseudo-random generator seeded by the
 * key computes where the next jump lands without visiting every count in between, so a lookup
 * takes O(ln buckets) steps and no memory. Buckets are numbers: nodes can only be added or removed
 * at the end.
 *
 * 64-bit arithmetic without bigint: the paper's generator is a 64-bit linear congruential step,
 * `key = key * 2862933555777941757 + 1 (mod 2^64)`. JavaScript bigints allocate on every operation,
 * so the loop keeps the key as two unsigned 32-bit halves in ordinary numbers and does the
 * multiplication exactly: `Math.imul` for the products that only feed the low 32 bits of each half,
 * and 16-bit pieces (products below 2^53, exact in a double) for the carry out of the low half.
 * `jumpHash` splits its bigint once; `bucketOf` never makes one.
 *
 * {@link hash64} is two MurmurHash3 x86_32 of the text's UTF-8 bytes (see `murmur3.ts`): seed 0
 * gives the high half, seed 1 the low half.
 *
 * @module
 */
import { murmur3 } from './murmur3.js';

/** The generator's multiplier, 2862933555777941757, as 32-bit halves, and the low half in 16-bit pieces. */
const M_HIGH = 0x27bb2ee6;
const M_LOW = 0x87b0b0fd;
const M_LOW_HIGH16 = 0x87b0;
const M_LOW_LOW16 = 0xb0fd;

const TWO_16 = 2 ** 16;
const TWO_31 = 2 ** 31;
const TWO_32 = 2 ** 32;
const TWO_64 = 1n << 64n;
const LOW_32 = 0xffffffffn;

/** The most buckets (the paper's `num_buckets` is an `int32_t`): every bucket then fits in 31 bits. */
const MAX_BUCKETS = 2 ** 31;

/** The MurmurHash3 seeds of {@link hash64}'s two halves. */
const HIGH_SEED = 0;
const LOW_SEED = 1;

/**
 * The bucket in [0, buckets) for a 64-bit key, by Lamping and Veach's jump consistent hash.
 * @param key - an unsigned 64-bit integer: a bigint in [0, 2^64).
 * @param buckets - a safe integer in [1, 2^31].
 */
export function jumpHash(key: bigint, buckets: number): number {
  if (typeof key !== 'bigint') throw new TypeError(`key must be a bigint, got ${describe(key)}`);
  if (key < 0n || key >= TWO_64) throw new RangeError(`key must be in [0, 2^64), got ${key}`);
  checkBuckets(buckets);
  return jump(Number(key >> 32n), Number(key & LOW_32), buckets);
}

/**
 * A well-mixed 64-bit hash of `text`, as a bigint in [0, 2^64): MurmurHash3 x86_32 of its UTF-8
 * bytes with seed 0 (the high 32 bits) and seed 1 (the low 32 bits).
 */
export function hash64(text: string): bigint {
  checkText(text);
  return (BigInt(murmur3(text, HIGH_SEED) >>> 0) << 32n) | BigInt(murmur3(text, LOW_SEED) >>> 0);
}

/** The bucket in [0, buckets) for a string key: `jumpHash(hash64(text), buckets)`. */
export function bucketOf(text: string, buckets: number): number {
  checkText(text);
  checkBuckets(buckets);
  return jump(murmur3(text, HIGH_SEED) >>> 0, murmur3(text, LOW_SEED) >>> 0, buckets);
}

/** The paper's loop, on a 64-bit key given as its unsigned 32-bit halves. */
function jump(high: number, low: number, buckets: number): number {
  let b = -1;
  let j = 0;
  while (j < buckets) {
    b = j;
    // key * M + 1 (mod 2^64), with key = high * 2^32 + low and M = M_HIGH * 2^32 + M_LOW:
    //   low half:  (low * M_LOW + 1) mod 2^32
    //   high half: (the 64-bit product low * M_LOW's high half + high * M_LOW + low * M_HIGH
    //              + the carry of the + 1) mod 2^32
    // low * M_LOW's high half, from low * M_LOW_HIGH16 * 2^16 + low * M_LOW_LOW16 (each < 2^48):
    const upper = low * M_LOW_HIGH16;
    const upperHigh = Math.floor(upper / TWO_16);
    const productHigh = upperHigh + Math.floor(((upper - upperHigh * TWO_16) * TWO_16 + low * M_LOW_LOW16) / TWO_32);
    const productLow = Math.imul(low, M_LOW) >>> 0;
    high = (productHigh + Math.imul(high, M_LOW) + Math.imul(low, M_HIGH) + (productLow === 0xffffffff ? 1 : 0)) >>> 0;
    low = (productLow + 1) >>> 0;
    // key >> 33 is high >>> 1.
    j = Math.floor((b + 1) * (TWO_31 / ((high >>> 1) + 1)));
  }
  return b;
}

/** Throws unless `buckets` is a safe integer in [1, 2^31]. */
function checkBuckets(buckets: unknown): void {
  if (typeof buckets !== 'number') throw new TypeError(`buckets must be a number, got ${describe(buckets)}`);
  if (!Number.isSafeInteger(buckets) || buckets < 1 || buckets > MAX_BUCKETS) {
    throw new RangeError(`buckets must be a safe integer in [1, 2^31], got ${describe(buckets)}`);
  }
}

/** Throws a TypeError unless `text` is a string. */
function checkText(text: unknown): void {
  if (typeof text !== 'string') throw new TypeError(`text must be a string, got ${describe(text)}`);
}

/** A short description of a bad argument for an error message. */
function describe(value: unknown): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  return value === null ? 'null' : typeof value;
}
