/**
 * Exercise `jump-hash` — jump consistent hash (Lamping and Veach, 2014).
 *
 * Read first: chapters/04-distributed/README.md (section "Jump consistent hash").
 * Grade it:   npm run exercise jump-hash
 *
 * The contract (the grader checks exactly this, nothing else):
 * - `jumpHash(key, buckets)` is the algorithm of the paper, exactly: with `key` an unsigned 64-bit
 *   integer (a bigint) and b = -1, j = 0: while j < buckets { b = j; key = key * 2862933555777941757
 *   + 1 (mod 2^64); j = floor((b + 1) * (2^31 / ((key >> 33) + 1))) }; return b. It returns a bucket
 *   in [0, buckets). Going from n to n + 1 buckets moves a key only to the new bucket n, and about
 *   1/(n + 1) of the keys move.
 * - `hash64(text)` is a well-mixed 64-bit hash of a string, a bigint in [0, 2^64) (FNV-1a 64 with
 *   a finaliser, or two 32-bit MurmurHash3 halves): changing any character changes about half of
 *   the output bits.
 * - `bucketOf(text, buckets)` is `jumpHash(hash64(text), buckets)`.
 * - Bad input throws a TypeError or RangeError naming the argument: a key that is not a bigint in
 *   [0, 2^64), text that is not a string, `buckets` that is not a safe integer >= 1 (at most 2^31).
 *
 * @module
 */

/** The bucket in [0, buckets) for a 64-bit key, by Lamping and Veach's jump consistent hash. */
export function jumpHash(key: bigint, buckets: number): number {
  void buckets;
  throw new Error(`Not implemented: jumpHash(${String(key)})`);
}

/** A well-mixed 64-bit hash of `text`, as a bigint in [0, 2^64). */
export function hash64(text: string): bigint {
  throw new Error(`Not implemented: hash64(${text})`);
}

/** The bucket in [0, buckets) for a string key: `jumpHash(hash64(text), buckets)`. */
export function bucketOf(text: string, buckets: number): number {
  void buckets;
  throw new Error(`Not implemented: bucketOf(${text})`);
}
