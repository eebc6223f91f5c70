/**
 * Cost properties: how the time of one operation grows when the structure grows.
 *
 * Never an absolute time. The same scenario runs on the reference solution and on the
 * implementation, at a small and a large size, interleaved, several samples each (the fastest
 * counts: a busy machine only ever adds time), and the growth of the implementation is compared
 * with the growth of the reference measured in the same run. Memory effects alone make a correct O(1) structure several times slower per call at
 * 100k entries than at 1k on a small machine, so only a growth far beyond the reference's fails,
 * and only after it has been measured again.
 */
import { signal } from './beacon.js';
import { seededRandom } from './random.js';
import type { CostVerdict } from './suite.js';

/** A structure to build at two sizes, and the operations to time on it. */
export interface Workload<S> {
  /** Builds a structure holding `size` entries. `fill` runs the inserts under a deadline. */
  build(size: number, fill: Filler): S;
  /** The operations, each timed on its own; each must leave the structure at the same size. */
  ops: TimedOp<S>[];
}

/** One kind of operation to time. */
export interface TimedOp<S> {
  /** What is timed, for the report: `set() of a new key into a full cache`. */
  name: string;
  /** Performs operation number `i` (use `i` or the random source to vary keys). */
  op(state: S, i: number, random: () => number): void;
  /**
   * Time a whole turnover (as many operations as there are entries) instead of a short burst, so
   * that costs which pile up and are paid later (amortized) are in the measurement.
   */
  turnover?: boolean;
}

/** Runs `count` inserts through `insert`, stopping with {@link TooSlow} past the deadline. */
export type Filler = (count: number, insert: (i: number) => void) => void;

/** The implementation could not even be filled in the time the reference needed many times over. */
class TooSlow extends Error {}

/** The sizes compared, and the tolerance. */
export interface GrowthSettings {
  small: number;
  large: number;
  seed: number;
  /** Fail only when the implementation grew more than this many times the reference's growth… */
  factor?: number;
  /** …and more than this in absolute terms. */
  floor?: number;
}

const SAMPLE_MS = 2;
const ROUNDS = 6;
const ATTEMPTS = 3;

/** Builds both structures at both sizes, times every operation, and compares growth. */
export function compareGrowth<S, R>(impl: Workload<S>, reference: Workload<R>, settings: GrowthSettings): CostVerdict {
  const factor = settings.factor ?? 6;
  const floor = settings.floor ?? 8;
  const ratio = settings.large / settings.small;
  const sizes = `${settings.small.toLocaleString('en')} → ${settings.large.toLocaleString('en')} entries`;

  signal(`building the reference with ${settings.large} entries`);
  const refSmall = reference.build(settings.small, filler(Infinity));
  const refFillStart = performance.now();
  const refLarge = reference.build(settings.large, filler(Infinity));
  const refFillMs = performance.now() - refFillStart;

  const budget = Math.max(1000, refFillMs * 25);
  let implSmall: S;
  let implLarge: S;
  try {
    signal(`filling your structure with ${settings.small} entries`);
    implSmall = impl.build(settings.small, filler(budget));
    signal(`filling your structure with ${settings.large} entries`);
    implLarge = impl.build(settings.large, filler(budget));
  } catch (error) {
    if (!(error instanceof TooSlow)) throw error;
    return {
      ok: false,
      detail: `filling it with ${settings.large.toLocaleString('en')} entries took over ${Math.round(budget)} ms (the reference: ${Math.round(refFillMs)} ms), so inserting gets slower as it grows: some operation looks at every entry`,
    };
  }

  const parts: string[] = [];
  for (const [index, mine] of impl.ops.entries()) {
    const theirs = reference.ops[index]!;
    let best = Infinity;
    let bestRef = 1;
    let passed = false;
    for (let attempt = 0; attempt < ATTEMPTS && !passed; attempt++) {
      const random = seededRandom(settings.seed + attempt);
      const samples: number[][] = [[], [], [], []];
      signal(`timing ${mine.name}`);
      // A turnover is one long sample already; two of them (after a warm-up) are enough.
      const rounds = mine.turnover ? 2 : ROUNDS;
      for (let round = 0; round <= rounds; round++) {
        const refTimes = [sample(theirs, refSmall, random, settings.small), sample(theirs, refLarge, random, settings.large)];
        // A turnover of the implementation may take at most this long: far beyond any noise.
        const limit = Math.max(300, ((refTimes[1]! * settings.large) / 1e6) * 25);
        let implTimes: number[];
        try {
          implTimes = [sample(mine, implSmall, random, settings.small, limit), sample(mine, implLarge, random, settings.large, limit)];
        } catch (error) {
          if (!(error instanceof TooSlow)) throw error;
          return {
            ok: false,
            detail: `${mine.name}: ${settings.large.toLocaleString('en')} calls on a structure of ${settings.large.toLocaleString('en')} entries took over ${Math.round(limit)} ms; the reference took ${Math.round((refTimes[1]! * settings.large) / 1e6)} ms. A cost that grows with the size means the operation looks at many entries each time (amortized over many calls, too)`,
          };
        }
        const times = [...refTimes, ...implTimes];
        if (round > 0) times.forEach((t, i) => samples[i]!.push(t)); // round 0 warms up the code
      }
      // Interference from other processes only ever adds time, so the fastest sample is the truest.
      const [rs, rl, is, il] = samples.map((list) => Math.min(...list)) as [number, number, number, number];
      const growthRef = rl / rs;
      const growth = il / is;
      if (growth < best) {
        best = growth;
        bestRef = growthRef;
      }
      const limit = Math.max(floor, factor * growthRef);
      passed = growth <= limit;
      if (growth > 4 * limit) break; // far beyond any noise: measuring again would only agree
    }
    if (!passed) {
      return {
        ok: false,
        detail: `${mine.name}: cost per call grew ${fmt(best)}x when the structure grew ${ratio}x (${sizes}); the reference grew ${fmt(bestRef)}x. A cost that grows with the size means the operation looks at many entries each time`,
      };
    }
    parts.push(`${mine.name} grew ${fmt(best)}x (reference ${fmt(bestRef)}x)`);
  }
  return { ok: true, detail: `for ${ratio}x more entries: ${parts.join('; ')}` };
}

/** Per-operation time in ns: runs operations for about SAMPLE_MS, or a whole turnover of `size`. */
function sample<S>(timed: TimedOp<S>, state: S, random: () => number, size: number, limitMs = Infinity): number {
  if (timed.turnover) {
    const start = performance.now();
    for (let i = 0; i < size; i++) {
      timed.op(state, i, random);
      if ((i & 63) === 63 && performance.now() - start > limitMs) throw new TooSlow();
    }
    return ((performance.now() - start) * 1e6) / size;
  }
  let ops = 0;
  const start = performance.now();
  let elapsed = 0;
  let batch = 1;
  while (elapsed < SAMPLE_MS) {
    for (let i = 0; i < batch; i++) timed.op(state, ops + i, random);
    ops += batch;
    batch = Math.min(batch * 2, 4096);
    elapsed = performance.now() - start;
  }
  return (elapsed * 1e6) / ops;
}

function filler(budgetMs: number): Filler {
  return (count, insert) => {
    const start = performance.now();
    for (let i = 0; i < count; i++) {
      insert(i);
      if ((i & 255) === 255 && performance.now() - start > budgetMs) throw new TooSlow();
    }
  };
}


function fmt(x: number): string {
  return x >= 10 ? x.toFixed(0) : x.toFixed(1);
}
