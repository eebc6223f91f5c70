/**
 * TTL benchmark: solutions/ttl.ts against @isaacs/ttlcache, set and get throughput.
 *
 * Both caches read the same clock, `performance.now()`: @isaacs/ttlcache always uses it,
 * and ours is given `performance` as its clock. The ttl is long (one hour), so nothing
 * expires while the benchmark runs and neither cache's cleanup fires.
 *
 * `get` is compared with @isaacs/ttlcache's `checkAgeOnGet: true`, the configuration with
 * our guarantee (a `get` never returns an expired value). By default its `get` does not
 * look at the clock at all and relies on a timer to delete expired entries, so until the
 * event loop runs that timer it returns expired values. That default is measured too, as
 * an informational row (marked `*`).
 *
 * @module
 */
import { performance } from 'node:perf_hooks';
import { TTLCache as IsaacsTTLCache } from '@isaacs/ttlcache';
import { TTLCache } from '../solutions/ttl.js';
import { compare, type Contender } from './measure.js';
import { formatOps, formatRatio, table } from './report.js';
import { seededRandom } from '../harness/grade/random.js';

const OURS = 'cachecraft (solutions/ttl.ts)';
const PEER = '@isaacs/ttlcache';
const PEER_CHECKED = '@isaacs/ttlcache checkAgeOnGet';
const PEER_UNCHECKED = '@isaacs/ttlcache default *';
const TTL_MS = 3_600_000;

/** Options for {@link benchTtl}. */
export interface TtlBenchOptions {
  /** Distinct keys (the cache's size once filled). */
  keys: number;
  /** Lookups per get run. */
  gets: number;
  warmup: number;
  rounds: number;
  seed: number;
}

/** One row of the results. */
export interface TtlRow {
  operation: string;
  name: string;
  opsPerSec: number;
  /** Ours divided by this row's ops/s (1 for ours). */
  ratio: number;
  /** Excluded from the bar: not the same guarantee as ours. */
  informational: boolean;
}

/** Runs the TTL benchmark, prints a table and returns the rows. */
export function benchTtl(options: TtlBenchOptions): TtlRow[] {
  const { keys, gets, warmup, rounds, seed } = options;
  const random = seededRandom(seed);
  // Keys in a random order, so neither Map sees them in insertion order.
  const order = new Uint32Array(keys).map((_, i) => i);
  for (let i = keys - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const lookups = new Uint32Array(gets).map(() => Math.floor(random() * keys));

  // set: fill a new, empty cache with `keys` fresh keys.
  const setContenders: Contender<number>[] = [
    {
      name: OURS,
      run: () => {
        const c = new TTLCache<number, number>({ ttlMs: TTL_MS, clock: performance });
        for (let i = 0; i < keys; i++) c.set(order[i]!, i);
        return c.size;
      },
    },
    {
      name: PEER,
      run: () => {
        const c = new IsaacsTTLCache<number, number>({ ttl: TTL_MS });
        for (let i = 0; i < keys; i++) c.set(order[i]!, i);
        c.cancelTimer();
        return c.size;
      },
    },
  ];

  // get: look up random keys (all live) in caches filled beforehand, all at the same time
  // (so all three are equally old; see measure.ts).
  const ours = new TTLCache<number, number>({ ttlMs: TTL_MS, clock: performance });
  const peer = new IsaacsTTLCache<number, number>({ ttl: TTL_MS, checkAgeOnGet: true });
  const peerUnchecked = new IsaacsTTLCache<number, number>({ ttl: TTL_MS });
  for (let i = 0; i < keys; i++) {
    ours.set(order[i]!, i);
    peer.set(order[i]!, i);
    peerUnchecked.set(order[i]!, i);
  }
  const getContenders: Contender<number>[] = [
    {
      name: OURS,
      run: () => {
        let sum = 0;
        for (let i = 0; i < gets; i++) sum += ours.get(lookups[i]!) ?? 0;
        return sum;
      },
    },
    {
      name: PEER_CHECKED,
      run: () => {
        let sum = 0;
        for (let i = 0; i < gets; i++) sum += peer.get(lookups[i]!) ?? 0;
        return sum;
      },
    },
    {
      name: PEER_UNCHECKED,
      run: () => {
        let sum = 0;
        for (let i = 0; i < gets; i++) sum += peerUnchecked.get(lookups[i]!) ?? 0;
        return sum;
      },
    },
  ];

  const rows: TtlRow[] = [];
  for (const [operation, contenders, ops] of [
    ['set', setContenders, keys],
    ['get', getContenders, gets],
  ] as const) {
    const measured = compare(contenders, { ops, warmup, rounds });
    for (const m of measured) {
      // A cross-check that every cache did the same work: same size, or same sum of values.
      if (m.result !== measured[0]!.result) {
        throw new Error(`TTL bench: ${operation} results differ: ${m.name} ${m.result}, ${OURS} ${measured[0]!.result}`);
      }
      rows.push({
        operation,
        name: m.name,
        opsPerSec: m.opsPerSec,
        ratio: measured[0]!.opsPerSec / m.opsPerSec,
        informational: m.name.endsWith('*'),
      });
    }
  }
  peer.cancelTimer();
  peerUnchecked.cancelTimer();
  ours.close();

  console.log(
    table(
      [
        ['operation', 'implementation', 'ops/s', 'ours vs it'],
        ...rows.map((r) => [r.operation, r.name, formatOps(r.opsPerSec), r.name === OURS ? '' : formatRatio(r.ratio)]),
      ],
      2,
    ),
  );
  return rows;
}
