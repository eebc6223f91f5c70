/**
 * Seeded workload generators for the benchmarks: a Zipf trace, drawn from the same seeded
 * PRNG (mulberry32) the grader uses.
 *
 * Everything is deterministic for a given seed, so every implementation (and every run of
 * the benchmark) sees exactly the same sequence of keys.
 *
 * @module
 */
import { seededRandom } from '../harness/grade/random.js';

/** Parameters of {@link zipfTrace}. */
export interface ZipfOptions {
  /** How many distinct keys there are (ranks 1..keys). */
  keys: number;
  /** How many requests to generate. */
  requests: number;
  /** The Zipf exponent s: rank r is requested with probability proportional to 1 / r^s. */
  exponent: number;
  /** PRNG seed. */
  seed: number;
}

/**
 * A Zipf-distributed request trace of integer keys in [0, keys).
 *
 * Ranks are drawn by inverse transform sampling (binary search in the cumulative
 * distribution), then mapped to keys through a seeded random permutation. The permutation
 * "scrambles" the trace: the hottest key is not 0, neighbouring keys are not similarly hot,
 * so no implementation benefits from popular keys being small or adjacent.
 */
export function zipfTrace({ keys, requests, exponent, seed }: ZipfOptions): Uint32Array {
  const random = seededRandom(seed);

  const cdf = new Float64Array(keys);
  let total = 0;
  for (let r = 0; r < keys; r++) {
    total += 1 / Math.pow(r + 1, exponent);
    cdf[r] = total;
  }

  // Fisher-Yates shuffle: permutation[rank] is the key used for that rank.
  const permutation = new Uint32Array(keys);
  for (let i = 0; i < keys; i++) permutation[i] = i;
  for (let i = keys - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = permutation[i]!;
    permutation[i] = permutation[j]!;
    permutation[j] = tmp;
  }

  const trace = new Uint32Array(requests);
  for (let i = 0; i < requests; i++) {
    const target = random() * total;
    // Smallest rank whose cumulative weight exceeds target.
    let lo = 0;
    let hi = keys - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cdf[mid]! > target) hi = mid;
      else lo = mid + 1;
    }
    trace[i] = permutation[lo]!;
  }
  return trace;
}
