/** The properties of jump consistent hash (Lamping and Veach, 2014) and its string hash. */
import fc from 'fast-check';
import { show } from '../grade/show.js';
import { checked, exported, type CheckedProperty, type ImplModule, type Suite } from '../grade/suite.js';
import { Trace } from '../grade/trace.js';
import {
  avalancheProperty,
  count,
  describeCounts,
  eachCall,
  expectInputError,
  failAt,
  HASH64,
  hashValuesProperty,
  keyRange,
  makeKeys,
  pct,
  uniformityProperty,
} from './placement-properties.js';

type JumpHash = (key: bigint, buckets: number) => number;
type Hash64 = (text: string) => bigint;
type BucketOf = (text: string, buckets: number) => number;

/** The paper's algorithm, the grader's own model: 64-bit LCG in bigint, the jump in doubles. */
function paperJumpHash(key: bigint, buckets: number): number {
  let b = -1;
  let j = 0;
  while (j < buckets) {
    b = j;
    key = BigInt.asUintN(64, key * 2862933555777941757n + 1n);
    j = Math.floor((b + 1) * (2 ** 31 / Number((key >> 33n) + 1n)));
  }
  return b;
}

const MAX_KEY = (1n << 64n) - 1n;
const MAX_BUCKETS = 2 ** 31;

const key64 = fc.oneof(
  { arbitrary: fc.bigInt({ min: 0n, max: MAX_KEY }), weight: 8 },
  { arbitrary: fc.constantFrom(0n, 1n, 42n, 1n << 32n, 1n << 63n, MAX_KEY), weight: 1 },
);
const bucketCount = fc.oneof(
  { arbitrary: fc.constantFrom(1, 2, 3, 10, 1000, MAX_BUCKETS - 1, MAX_BUCKETS), weight: 1 },
  { arbitrary: fc.integer({ min: 1, max: MAX_BUCKETS }), weight: 2 },
  { arbitrary: fc.integer({ min: 1, max: 100 }), weight: 1 },
);

/** jumpHash is the paper's algorithm, bit for bit. */
const exact: CheckedProperty = checked({
  id: 'jump-exact',
  statement: "jumpHash(key, buckets) is exactly the paper's algorithm, for any 64-bit key and any buckets from 1 to 2^31",
  hint: 'Keep key a bigint and wrap each step: key = BigInt.asUintN(64, key * 2862933555777941757n + 1n); then j = Math.floor((b + 1) * (2 ** 31 / Number((key >> 33n) + 1n))). A multiplication in doubles (Number) loses the low bits of the key.',
  runs: 100,
  build: (impl: ImplModule) =>
    fc.property(bucketCount, fc.array(key64, { minLength: 1, maxLength: 10 }), (buckets, keys) => {
      const jumpHash = exported<JumpHash>(impl, 'jumpHash');
      const trace = new Trace();
      for (const key of keys) {
        trace.add(`jumpHash(${show(key)}, ${buckets})`);
        const got = trace.run(() => jumpHash(key, buckets));
        const want = paperJumpHash(key, buckets);
        const reason = typeof got === 'number' && Number.isInteger(got) && got >= 0 && got < buckets ? "the paper's algorithm" : `the paper's algorithm; a bucket is in [0, ${buckets})`;
        trace.expect('', got, want, reason);
        trace.steps[trace.steps.length - 1]!.result = show(got);
      }
    }),
});

/** From n to n + 1 buckets a key stays or moves to bucket n. */
const monotone: CheckedProperty = checked({
  id: 'jump-monotone',
  statement: 'going from n to n + 1 buckets, jumpHash(key, n + 1) is jumpHash(key, n) or the new bucket n: a key moves only to the new bucket',
  hint: 'Follow the paper exactly: set b = j at the top of each round, loop while j < buckets, and return b, the last bucket jumped to (not j, which is already past the end).',
  runs: 40,
  build: (impl: ImplModule) =>
    fc.property(fc.oneof(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: MAX_BUCKETS - 20 })), fc.array(key64, { minLength: 1, maxLength: 5 }), (start, keys) => {
      const jumpHash = exported<JumpHash>(impl, 'jumpHash');
      const trace = new Trace();
      for (const key of keys) {
        trace.add(`jumpHash(${show(key)}, n) for n = ${start} … ${start + 20}`);
        let previous = trace.run(() => jumpHash(key, start));
        for (let n = start; n < start + 20; n++) {
          const next = trace.run(() => jumpHash(key, n + 1));
          if (next !== previous && next !== n) {
            trace.add(`jumpHash(${show(key)}, ${n})`).result = show(previous);
            failAt(trace, `jumpHash(${show(key)}, ${n + 1})`, next, `${show(previous)} as with ${n} buckets, or ${n}, the new bucket`);
          }
          previous = next;
        }
      }
    }),
});

/** bucketOf is jumpHash of hash64. */
const bucketOf: CheckedProperty = checked({
  id: 'bucket-of',
  statement: 'bucketOf(text, buckets) is jumpHash(hash64(text), buckets)',
  hint: 'bucketOf(text, buckets) is exactly jumpHash(hash64(text), buckets): call your own two functions, with no other hash and no modulo.',
  runs: 100,
  build: (impl: ImplModule) =>
    fc.property(bucketCount, fc.array(fc.string({ maxLength: 12 }), { minLength: 1, maxLength: 10 }), (buckets, texts) => {
      const trace = new Trace();
      for (const text of texts) {
        trace.add(`hash64(${show(text)})`);
        const h = trace.run(() => exported<Hash64>(impl, 'hash64')(text));
        trace.steps[trace.steps.length - 1]!.result = show(h);
        trace.add(`jumpHash(${show(h)}, ${buckets})`);
        const want = trace.run(() => exported<JumpHash>(impl, 'jumpHash')(h, buckets));
        trace.steps[trace.steps.length - 1]!.result = show(want);
        trace.add(`bucketOf(${show(text)}, ${buckets})`);
        const got = trace.run(() => exported<BucketOf>(impl, 'bucketOf')(text, buckets));
        trace.expect('', got, want, `jumpHash(hash64(${show(text)}), ${buckets})`);
        trace.steps[trace.steps.length - 1]!.result = show(got);
      }
    }),
});

/**
 * From n to n + 1 buckets only keys for bucket n move, about 1/(n+1) of them. With jump hash
 * the fraction is exact up to the sampling of 10,000 keys: at n = 20, 476 ± 21 keys; the bounds
 * 0.75 and 1.33 are over 5 sd away. A modulo moves about n/(n+1) of the keys, to every bucket.
 */
const addMoves: CheckedProperty = checked({
  id: 'add-moves-to-new',
  statement: 'going from n to n + 1 buckets, bucketOf moves keys only to the new bucket n, and about 1/(n+1) of them (between 0.75/(n+1) and 1.33/(n+1) of 10,000 keys)',
  hint: 'Use jump hash for the bucket, not hash % buckets: with a modulo, almost every key moves when a bucket is added, and to every bucket.',
  runs: 5,
  build: (impl: ImplModule) =>
    fc.property(fc.integer({ min: 1, max: 20 }), fc.noShrink(fc.integer({ min: 0, max: 0x7fffffff })), (n, seed) => {
      const fn = exported<BucketOf>(impl, 'bucketOf');
      const trace = new Trace();
      const keys = makeKeys(seed, 10_000);
      trace.add(`bucketOf(key, ${n}) for ${count(keys.length)} keys ${keyRange(keys)}`);
      const before = eachCall(trace, keys, (k) => `bucketOf(${show(k)}, ${n})`, (k) => fn(k, n));
      trace.add(`bucketOf(key, ${n + 1}) for the same keys`);
      const after = eachCall(trace, keys, (k) => `bucketOf(${show(k)}, ${n + 1})`, (k) => fn(k, n + 1));
      let moved = 0;
      for (const [i, key] of keys.entries()) {
        if (after[i] === before[i]) continue;
        moved++;
        if (after[i] !== n) {
          trace.add(`bucketOf(${show(key)}, ${n})`).result = show(before[i]);
          failAt(trace, `bucketOf(${show(key)}, ${n + 1})`, after[i], `${show(before[i])} as before, or ${n}, the new bucket`, 'a key moves only to the new bucket');
        }
      }
      const ideal = keys.length / (n + 1);
      trace.steps.push({ call: `  ${count(moved)} of ${count(keys.length)} keys moved to bucket ${n} (${pct(moved / keys.length)}; 1/${n + 1} is ${pct(1 / (n + 1))})` });
      if (moved < 0.75 * ideal || moved > 1.33 * ideal) {
        trace.fail(`expected between ${count(Math.ceil(0.75 * ideal))} and ${count(Math.floor(1.33 * ideal))} keys to move, about 1/(n+1) = 1/${n + 1} of them, got ${count(moved)}`);
      }
    }),
});

const BALANCE_KEYS = 50_000;

/** Ten buckets share the keys evenly: each gets 5,000 ± 67 keys, so 1.1 × the mean is over 7 sd. */
const balance: CheckedProperty = checked({
  id: 'balance',
  statement: `bucketOf spreads ${count(BALANCE_KEYS)} keys over 10 buckets evenly: no bucket gets more than 1.1 × the mean`,
  hint: 'Each bucket should get about a tenth of the keys: give jumpHash a well-mixed 64-bit hash (see the hash64 properties), and check jumpHash against the paper (jump-exact).',
  runs: 1,
  build: (impl: ImplModule) =>
    fc.property(fc.noShrink(fc.integer({ min: 0, max: 0x7fffffff })), (seed) => {
      const fn = exported<BucketOf>(impl, 'bucketOf');
      const trace = new Trace();
      const keys = makeKeys(seed, BALANCE_KEYS);
      trace.add(`bucketOf(key, 10) for ${count(keys.length)} keys ${keyRange(keys)}`);
      const buckets = eachCall(trace, keys, (k) => `bucketOf(${show(k)}, 10)`, (k) => fn(k, 10));
      const counts = new Map<string, number>();
      for (const b of buckets) counts.set(String(b), (counts.get(String(b)) ?? 0) + 1);
      trace.steps[trace.steps.length - 1]!.result = `per bucket: ${describeCounts(counts)}`.replace(/"/g, '');
      const stray = buckets.findIndex((b) => !(Number.isInteger(b) && b >= 0 && b < 10));
      if (stray >= 0) failAt(trace, `bucketOf(${show(keys[stray])}, 10)`, buckets[stray], 'a bucket in [0, 10)');
      const mean = BALANCE_KEYS / 10;
      const [top, most] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
      if (most > 1.1 * mean) trace.fail(`expected at most ${count(1.1 * mean)} keys per bucket (1.1 × the mean ${count(mean)}), got ${count(most)} in bucket ${top} (${(most / mean).toFixed(2)} × the mean)`);
    }),
});

type Case = { label: string; argument: string; pattern?: RegExp; call: (impl: ImplModule) => unknown };
const BUCKETS = /\bbucket/i;
const jump = (impl: ImplModule): JumpHash => exported<JumpHash>(impl, 'jumpHash');
const cases: Case[] = [
  ...[5, '5', -1n, 1n << 64n].map((k): Case => ({ label: `jumpHash(${show(k)}, 10)`, argument: 'key', call: (impl) => jump(impl)(k as bigint, 10) })),
  ...[0, -1, 1.5, NaN, Infinity, MAX_BUCKETS + 1, '10'].map((b): Case => ({ label: `jumpHash(1n, ${show(b)})`, argument: 'buckets', pattern: BUCKETS, call: (impl) => jump(impl)(1n, b as number) })),
  ...[5, undefined, null].map((t): Case => ({ label: `hash64(${show(t)})`, argument: 'text', call: (impl) => exported<Hash64>(impl, 'hash64')(t as unknown as string) })),
  { label: 'bucketOf(5, 10)', argument: 'text', call: (impl) => exported<BucketOf>(impl, 'bucketOf')(5 as unknown as string, 10) },
  ...[0, MAX_BUCKETS + 1, 2.5].map((b): Case => ({ label: `bucketOf("a", ${show(b)})`, argument: 'buckets', pattern: BUCKETS, call: (impl) => exported<BucketOf>(impl, 'bucketOf')('a', b) })),
];

const validation: CheckedProperty = checked({
  id: 'validation',
  statement: 'a key that is not a bigint in [0, 2^64), text that is not a string, or buckets not a safe integer in [1, 2^31] throws a TypeError or RangeError naming the argument',
  hint: 'Check the arguments first: typeof key === "bigint" && key >= 0n && key < 2n ** 64n; typeof text === "string"; Number.isSafeInteger(buckets) && buckets >= 1 && buckets <= 2 ** 31. Name the argument in the message.',
  runs: cases.length * 2,
  build: (impl: ImplModule) =>
    fc.property(fc.constantFrom(...cases), (c) => {
      const trace = new Trace();
      expectInputError(trace, c.label, () => c.call(impl), c.argument, c.pattern);
    }),
});

/** The jump-hash suite. */
export const suite: Suite = {
  properties: [
    exact,
    monotone,
    hashValuesProperty(HASH64, 'Compute in bigint and wrap every step with BigInt.asUintN(64, …): the result must be a bigint in [0, 2^64), never a number, never negative (asIntN).'),
    avalancheProperty(
      HASH64,
      'FNV-1a 64 alone leaves the bits below a changed character as they were. Finish with fmix64: h ^= h >> 33n; h = BigInt.asUintN(64, h * 0xff51afd7ed558ccdn); h ^= h >> 33n; h = BigInt.asUintN(64, h * 0xc4ceb9fe1a85ec53n); h ^= h >> 33n.',
    ),
    uniformityProperty(
      HASH64,
      'Empty top buckets mean the top bits are always 0: the hash is 32 bits wide or less (e.g. BigInt(hash32(text))). Hash in 64-bit bigint arithmetic, or join two different 32-bit hashes as (BigInt(high) << 32n) | BigInt(low).',
    ),
    bucketOf,
    addMoves,
    balance,
    validation,
  ],
};
