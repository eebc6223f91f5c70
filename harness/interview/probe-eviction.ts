/**
 * Probe `eviction-hit-rates`: the learner's LRU and LFU caches next to the reference's on three
 * seeded workloads (Zipf, Zipf with scans, a loop slightly larger than the cache), then the
 * questions those numbers raise.
 *
 * @module
 */
import { zipfTrace } from '../../bench/zipf.js';
import { c } from '../cli/term.js';
import { columns, count } from '../demo/format.js';
import { classOf, type ProbeModules, type Side } from './probe-modules.js';
import type { Probe } from './probes.js';

const CAPACITY = 500;
const KEYS = 10_000;
const REQUESTS = 50_000;
const EXPONENT = 0.9;
const SEED = 2024;
/** A scan of {@link CAPACITY} never-repeated keys after every this many Zipf requests. */
const SCAN_EVERY = 1_000;
/** The loop cycles through this many keys, 10% more than fit. */
const LOOP_KEYS = CAPACITY + CAPACITY / 10;
/** A difference from the reference larger than this many percentage points gets its own line. */
const TOLERANCE_PP = 1;

/** What the probe uses of an LRU or LFU cache (the contracts of exercises/lru.ts and exercises/lfu.ts). */
interface EvictingCache {
  get(key: number): number | undefined;
  set(key: number, value: number): unknown;
}

/** The constructor of an LRU or LFU cache. */
type CacheClass = new (capacity: number) => EvictingCache;

/** One seeded request trace, and its name in the table. */
interface Workload {
  readonly name: string;
  readonly trace: Uint32Array;
}

/** The three workloads, the same on every run. */
function workloads(): Workload[] {
  const zipf = zipfTrace({ keys: KEYS, requests: REQUESTS, exponent: EXPONENT, seed: SEED });
  const scanned = new Uint32Array(REQUESTS + (REQUESTS / SCAN_EVERY) * CAPACITY);
  let at = 0;
  let nextScanKey = KEYS;
  for (let i = 0; i < REQUESTS; i++) {
    scanned[at++] = zipf[i]!;
    if ((i + 1) % SCAN_EVERY === 0) for (let j = 0; j < CAPACITY; j++) scanned[at++] = nextScanKey++;
  }
  const loop = new Uint32Array(REQUESTS);
  for (let i = 0; i < REQUESTS; i++) loop[i] = i % LOOP_KEYS;
  return [
    { name: `Zipf(${EXPONENT}) over ${count(KEYS)} keys`, trace: zipf },
    { name: `the same + a ${count(CAPACITY)}-key scan every ${count(SCAN_EVERY)}`, trace: scanned },
    { name: `a loop over ${count(LOOP_KEYS)} keys`, trace: loop },
  ];
}

/** Get-else-set over `trace` at {@link CAPACITY}; returns, per request, whether it hit. */
function hits(Cache: CacheClass, trace: Uint32Array): Uint8Array {
  const cache = new Cache(CAPACITY);
  const hit = new Uint8Array(trace.length);
  for (let i = 0; i < trace.length; i++) {
    const key = trace[i]!;
    if (cache.get(key) !== undefined) hit[i] = 1;
    else cache.set(key, key);
  }
  return hit;
}

/** The share of the requests (those `only` selects, or all) that hit, in percent. */
function percent(hit: Uint8Array, only: (index: number) => boolean = () => true): number {
  let requests = 0;
  let hits = 0;
  for (let i = 0; i < hit.length; i++) {
    if (!only(i)) continue;
    requests++;
    hits += hit[i]!;
  }
  return (100 * hits) / requests;
}

const show = (pp: number): string => `${pp.toFixed(1)}%`;

/** The implementations compared, in the table's column order. */
const COLUMNS: readonly { readonly side: Side; readonly id: 'lru' | 'lfu'; readonly heading: string }[] = [
  { side: 'learner', id: 'lru', heading: 'your LRU' },
  { side: 'reference', id: 'lru', heading: 'ref LRU' },
  { side: 'learner', id: 'lfu', heading: 'your LFU' },
  { side: 'reference', id: 'lfu', heading: 'ref LFU' },
];

/** Runs the probe; see the module comment. */
async function run(out: (line: string) => void, modules: ProbeModules): Promise<void> {
  const classes = COLUMNS.map(({ side, id }) => classOf<CacheClass>(modules, side, id, id === 'lru' ? 'LRUCache' : 'LFUCache'));
  const loads = workloads();
  const results = loads.map((w) => classes.map((Cache) => hits(Cache, w.trace)));
  const rates = results.map((row) => row.map((hit) => percent(hit)));

  out(c.bold(`Your LRUCache and LFUCache next to the reference's, capacity ${count(CAPACITY)}, seed ${SEED}`));
  out(c.dim('  Each request is a get; a miss then sets the key. Hit rates over all the requests:'));
  for (const line of columns([
    ['workload', 'requests', ...COLUMNS.map((col) => col.heading)],
    ...loads.map((w, i) => [w.name, count(w.trace.length), ...rates[i]!.map(show)]),
  ])) {
    out(line);
  }

  for (const [name, id, mine, theirs] of [['LRUCache', 'lru', 0, 1], ['LFUCache', 'lfu', 2, 3]] as const) {
    const gaps = loads.map((w, i) => ({ workload: w.name, gap: rates[i]![mine]! - rates[i]![theirs]! }));
    const worst = Math.max(...gaps.map(({ gap }) => Math.abs(gap)));
    const far = gaps.filter(({ gap }) => Math.abs(gap) > TOLERANCE_PP);
    if (far.length > 0) {
      const where = far.map(({ workload, gap }) => `${workload}: ${gap > 0 ? '+' : ''}${gap.toFixed(1)} points`).join('; ');
      out(c.red(`  ✗ Your ${name} differs from the reference by more than ${TOLERANCE_PP} percentage point (${where}).`));
      out(`    The contract fixes the eviction order exactly, so a correct ${name} hits exactly as often as the reference.`);
      out(`    Find the difference: run \`npm run exercise ${id}\` again, and reread the contract in exercises/${id}.ts.`);
    } else if (worst > 0) {
      out(c.yellow(`  ~ Your ${name} is within ${TOLERANCE_PP} point of the reference, but not equal (up to ${worst.toFixed(2)} points).`));
      out(`    The contract fixes the eviction order exactly: compare yours with it (exercises/${id}.ts), and run \`npm run exercise ${id}\`.`);
    } else {
      out(c.green(`  ✓ Your ${name} hits exactly as often as the reference on every workload, as it must: the contract fixes the eviction order.`));
    }
  }

  // The scan workload again, counting only its Zipf requests, against the plain Zipf run.
  const zipfRates = rates[0]!;
  const scanned = loads[1]!.trace;
  const zipfOnly = (index: number): boolean => scanned[index]! < KEYS;
  const [, refLruScanned, , refLfuScanned] = results[1]!;
  out(
    c.dim(
      `  Counting only the scan workload's ${count(REQUESTS)} Zipf requests, the reference LRU hits ${show(percent(refLruScanned!, zipfOnly))} ` +
        `(${show(zipfRates[1]!)} without the scans) and the reference LFU ${show(percent(refLfuScanned!, zipfOnly))} (${show(zipfRates[3]!)}).`,
    ),
  );
  out('');
  out(c.bold('Think it through, then say it aloud:'));
  out(`  1. A scan of ${count(CAPACITY)} keys read once each: why does it cost LRU so many hits, and LFU almost none? When would LFU's memory hurt it instead?`);
  out(`  2. On the loop, ${count(CAPACITY)} of the ${count(LOOP_KEYS)} keys fit, yet both hit nothing. Why? Which keys would you keep to do better?`);
  out('  3. W-TinyLFU (Caffeine) puts a 1% LRU window in front of a segmented LRU, and lets a key leaving the window');
  out('     in only if its estimated frequency (a count-min sketch, halved periodically) beats the victim\'s. S3-FIFO');
  out('     starts new keys in a small FIFO (10% of the space), so one-hit wonders leave quickly. SIEVE keeps one FIFO,');
  out('     a visited bit per entry, and a hand that moves from the old end clearing bits until it finds an unvisited');
  out('     entry to evict. How would each fare on these three workloads, and what does each cost on a hit?');
  out(c.dim('  Read: chapters/02-eviction/README.md, sections "Pollution and aging" and "Beyond LRU".'));
}

/** The probe `eviction-hit-rates`. */
export const evictionHitRates: Probe = {
  name: 'eviction-hit-rates',
  title: 'Your LRU and LFU next to the reference on Zipf, scans and a loop: hit rates, then why',
  exercises: ['lru', 'lfu'],
  run,
};
