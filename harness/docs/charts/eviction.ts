/**
 * Chapter 2's charts: hit ratio against cache size for the reference LRU, LFU and TTL caches, one
 * chart per workload: Zipf, Zipf polluted by scans, and a loop a little larger than the middle
 * size. The workloads are those of the interview probe `eviction-hit-rates`
 * (`harness/interview/probe-eviction.ts`), swept over cache sizes.
 *
 * A TTL cache has no capacity, so its "size" is defined by what it holds: on a clock that
 * advances one tick per request, its time to live is the longest under which it never holds more
 * live entries (its `size` after each request) than the cache size, the bound LRU and LFU keep.
 * (An average would not do: on the loop, the average is not monotonic in the TTL, so "the TTL
 * that averages the size" has several answers.) Doubling then bisection finds it; the chosen TTL
 * and the most entries it held are on each TTL point as `data-ttl` and `data-peak-live`.
 *
 * @module
 */
import { zipfTrace } from '../../../bench/zipf.js';
import { LFUCache } from '../../../solutions/lfu.js';
import { LRUCache } from '../../../solutions/lru.js';
import { TTLCache } from '../../../solutions/ttl.js';
import { lineChart, type LineSeries, type Point } from './plot.js';
import type { ChartSpec } from './spec.js';

const KEYS = 10_000;
const REQUESTS = 50_000;
const EXPONENT = 0.9;
const SEED = 2024;
/** The cache sizes on the x axis; the middle one, 500, is the probe's capacity. */
const SIZES: readonly number[] = [50, 100, 200, 500, 1_000, 2_000, 5_000];
/** The scan workload: after every this many Zipf requests, ... */
const SCAN_EVERY = 1_000;
/** ... this many never-repeated keys, once each. */
const SCAN_LENGTH = 500;
/** The loop cycles through this many keys: 10% more than the middle size. */
const LOOP_KEYS = 550;

/** A seeded request trace, and which of its requests the hit ratio counts. */
interface Workload {
  readonly trace: Uint32Array;
  /** Whether request `index` counts towards the hit ratio. */
  readonly counted: (index: number) => boolean;
  /** How many requests count. */
  readonly countedRequests: number;
}

/** What the LRU and LFU caches share: `get`, and `set` on a miss. */
interface EvictingCache {
  get(key: number): number | undefined;
  set(key: number, value: number): unknown;
}

/** Replays `workload` as get, then set on a miss; returns the hit ratio of the counted requests. */
function hitRatio(cache: EvictingCache, workload: Workload, afterRequest: () => void = () => {}): number {
  const { trace, counted } = workload;
  let hits = 0;
  for (let i = 0; i < trace.length; i++) {
    const key = trace[i]!;
    if (cache.get(key) !== undefined) {
      if (counted(i)) hits++;
    } else {
      cache.set(key, key);
    }
    afterRequest();
  }
  return hits / workload.countedRequests;
}

/** One TTL run: its hit ratio and the most live entries it held. */
interface TtlRun {
  readonly ttl: number;
  readonly hitRatio: number;
  readonly peakLive: number;
}

/**
 * Replays `workload` through a TTL cache with `ttl` ticks to live, the clock advancing one tick per
 * request, and reads its `size` after every request (which also purges what has expired).
 */
function ttlRun(workload: Workload, ttl: number): TtlRun {
  let tick = 0;
  let peak = 0;
  const cache = new TTLCache<number, number>({ ttlMs: ttl, clock: { now: () => tick } });
  const ratio = hitRatio(cache, workload, () => {
    peak = Math.max(peak, cache.size);
    tick++;
  });
  return { ttl, hitRatio: ratio, peakLive: peak };
}

/**
 * The TTL run that fits in `size` entries: the longest TTL (up to the run's length, when nothing
 * expires) under which the cache never holds more than `size` live entries.
 */
function ttlOfSize(workload: Workload, size: number): TtlRun {
  const longest = workload.trace.length;
  // At most one entry is set per tick, so a TTL of `size` ticks never holds more than `size`.
  let fits = ttlRun(workload, Math.min(size, longest));
  let tooLong = longest + 1;
  while (fits.ttl < longest) {
    const next = ttlRun(workload, Math.min(2 * fits.ttl, longest));
    if (next.peakLive > size) {
      tooLong = next.ttl;
      break;
    }
    fits = next;
  }
  while (tooLong - fits.ttl > 1) {
    const middle = ttlRun(workload, Math.floor((fits.ttl + tooLong) / 2));
    if (middle.peakLive <= size) fits = middle;
    else tooLong = middle.ttl;
  }
  return fits;
}

/** The three series (LRU, LFU, TTL) over {@link SIZES} for `workload`. */
function sweep(workload: Workload): LineSeries[] {
  const of = (make: (size: number) => EvictingCache): Point[] =>
    SIZES.map((size) => ({ x: size, y: hitRatio(make(size), workload) }));
  return [
    { name: 'LRU', points: of((size) => new LRUCache<number, number>(size)) },
    { name: 'LFU', points: of((size) => new LFUCache<number, number>(size)) },
    {
      name: 'TTL',
      points: SIZES.map((size) => {
        const run = ttlOfSize(workload, size);
        return {
          x: size,
          y: run.hitRatio,
          data: { ttl: String(run.ttl), 'peak-live': String(run.peakLive) },
          note: `TTL ${number(run.ttl)} requests, at most ${number(run.peakLive)} live entries`,
        };
      }),
    },
  ];
}

/** The Zipf trace every workload but the loop starts from. */
function zipf(): Uint32Array {
  return zipfTrace({ keys: KEYS, requests: REQUESTS, exponent: EXPONENT, seed: SEED });
}

/** Every request counts. */
function all(trace: Uint32Array): Workload {
  return { trace, counted: () => true, countedRequests: trace.length };
}

/** The Zipf trace with a scan of fresh keys (numbered from {@link KEYS} up) after every {@link SCAN_EVERY} requests; only the Zipf requests count. */
function scanned(): Workload {
  const plain = zipf();
  const trace = new Uint32Array(REQUESTS + (REQUESTS / SCAN_EVERY) * SCAN_LENGTH);
  let at = 0;
  let nextScanKey = KEYS;
  for (let i = 0; i < REQUESTS; i++) {
    trace[at++] = plain[i]!;
    if ((i + 1) % SCAN_EVERY === 0) for (let j = 0; j < SCAN_LENGTH; j++) trace[at++] = nextScanKey++;
  }
  return { trace, counted: (index) => trace[index]! < KEYS, countedRequests: REQUESTS };
}

/** {@link REQUESTS} requests cycling through {@link LOOP_KEYS} keys. */
function loop(): Workload {
  return all(Uint32Array.from({ length: REQUESTS }, (_, i) => i % LOOP_KEYS));
}

const number = (n: number): string => n.toLocaleString('en-US');

/** How every eviction chart was produced, after its workload's own sentence. */
const METHOD =
  `Each point is one build-time run of a reference solution (\`solutions/lru.ts\`, \`solutions/lfu.ts\`, \`solutions/ttl.ts\`): ` +
  `each request is a \`get\`, and a miss then \`set\`s the key. LRU and LFU hold at most the cache size. ` +
  `A TTL cache has no size limit, so its size is what it holds: on a simulated clock advancing one tick per request, ` +
  `its time to live is the longest under which it never holds more live entries (its \`size\`, read after every request) ` +
  `than the cache size, the same bound as LRU and LFU, found by doubling then bisection (a TTL point's tooltip gives it). ` +
  `Cache sizes: ${SIZES.map(number).join(', ')}. The interview bank's probe \`eviction-hit-rates\` replays the same workloads at size 500.`;

/** The x axis: cache size, log scale, a tick at every size. */
const SIZE_AXIS = {
  label: 'cache size (entries)',
  scale: 'log',
  domain: [SIZES[0]! / 1.25, SIZES.at(-1)! * 1.25],
  format: number,
  ticks: SIZES,
} as const;

/** The y axis: hit ratio from 0 to 1. */
const HIT_AXIS = {
  label: 'hit ratio',
  scale: 'linear',
  domain: [0, 1],
  format: (ratio: number) => ratio.toFixed(2).replace(/\.?0+$/, ''),
} as const;

/** One chart of hit ratio against cache size on `workload`. */
function evictionChart(id: string, title: string, workloadText: string, description: string, workload: () => Workload): ChartSpec {
  return {
    id,
    title,
    caption: `${workloadText} ${METHOD}`,
    render: async () =>
      lineChart({ id, title, description, x: SIZE_AXIS, y: HIT_AXIS, series: sweep(workload()) }),
  };
}

/** Chapter 2's three charts: Zipf, scan-polluted Zipf, loop. */
export const evictionCharts: readonly ChartSpec[] = [
  evictionChart(
    'eviction-hit-ratio-zipf',
    'Hit ratio against cache size on a Zipf workload: LRU, LFU and TTL',
    `The workload: ${number(REQUESTS)} requests over ${number(KEYS)} keys, Zipf-distributed with exponent ${EXPONENT} ` +
      `(\`bench/zipf.ts\`, seed ${SEED}).`,
    `Hit ratio of LRU, LFU and TTL caches of growing size on ${number(REQUESTS)} Zipf-distributed requests (exponent ${EXPONENT}) over ${number(KEYS)} keys.`,
    () => all(zipf()),
  ),
  evictionChart(
    'eviction-hit-ratio-scan',
    'Hit ratio against cache size on a Zipf workload polluted by scans: LRU, LFU and TTL',
    `The workload: the Zipf trace of the previous chart (seed ${SEED}), with a scan of ${number(SCAN_LENGTH)} never-repeated keys ` +
      `after every ${number(SCAN_EVERY)} requests (${number(REQUESTS + (REQUESTS / SCAN_EVERY) * SCAN_LENGTH)} requests in all). ` +
      `The hit ratio counts only the ${number(REQUESTS)} Zipf requests (a scan's requests always miss), so it compares directly with the Zipf chart.`,
    `Hit ratio of the Zipf requests for LRU, LFU and TTL caches of growing size, when a scan of ${number(SCAN_LENGTH)} new keys follows every ${number(SCAN_EVERY)} requests.`,
    scanned,
  ),
  evictionChart(
    'eviction-hit-ratio-loop',
    `Hit ratio against cache size on a loop over ${number(LOOP_KEYS)} keys: LRU, LFU and TTL`,
    `The workload: ${number(REQUESTS)} requests cycling through ${number(LOOP_KEYS)} keys (0, 1, …, ${number(LOOP_KEYS - 1)}, 0, 1, …), ` +
      `10% more keys than the middle size. The three lines coincide: up to ${number(SIZES[3]!)} entries each policy evicts ` +
      `every key before it comes back, and above ${number(LOOP_KEYS)} only the first pass misses (the TTL cache, which never ` +
      `holds more than ${number(LOOP_KEYS)} live entries, then keeps everything for the whole run).`,
    `Hit ratio of LRU, LFU and TTL caches of growing size on a loop over ${number(LOOP_KEYS)} keys.`,
    loop,
  ),
];
