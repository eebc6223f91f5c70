/**
 * Consistent hashing benchmark: `getNode` lookups per second of solutions/hash-ring.ts against the
 * npm hash rings people use, `hashring` and `consistent-hash`, on 10 nodes with 150 points each.
 * Our jump hash and rendezvous hashing are measured on the same keys as informational rows
 * (marked `*`): they are not rings, so they are not held to the bar.
 *
 * Every contender has its own copy of the loop (see lru.ts) and counts the keys it sends to the
 * first node: a cross-check that each spreads the keys (about a tenth each) and that the loop's
 * work is used.
 *
 * @module
 */
import { createRequire } from 'node:module';
import HashRingLib from 'hashring';
import { HashRing } from '../solutions/hash-ring.js';
import { bucketOf } from '../solutions/jump-hash.js';
import { RendezvousHash } from '../solutions/rendezvous.js';
import { seededRandom } from '../harness/grade/random.js';
import { compare, type Contender } from './measure.js';
import { formatOps, formatPercent, formatRatio, table } from './report.js';

/** Our ring's name in the tables. */
export const OURS = 'cachecraft HashRing (solutions/hash-ring.ts)';

/** The part of consistent-hash's API used here: it ships no types. */
interface ConsistentHashRing {
  add(node: string, weight?: number): ConsistentHashRing;
  get(key: string): string | null;
}
const ConsistentHash = createRequire(import.meta.url)('consistent-hash') as new (options: {
  weight: number;
}) => ConsistentHashRing;

const NODES = 10;
/** Points on the ring per node, for every ring. */
const POINTS_PER_NODE = 150;
/** Keys are `user:<n>` with n drawn uniformly from this many ids, so they rarely repeat. */
const KEY_SPACE = 10_000_000;

/** Options for {@link benchHashing}. */
export interface HashingBenchOptions {
  /** Lookups per run. */
  lookups: number;
  warmup: number;
  rounds: number;
  seed: number;
}

/** One row of the results. */
export interface HashingRow {
  name: string;
  opsPerSec: number;
  /** ops/s of every timed round, in round order. */
  samples: number[];
  /** Not a hash ring: excluded from the bar. */
  informational: boolean;
}

/** Runs the consistent hashing benchmark, prints a table and returns the rows. */
export function benchHashing(options: HashingBenchOptions): HashingRow[] {
  const { lookups, warmup, rounds, seed } = options;
  const random = seededRandom(seed);
  const keys = Array.from({ length: lookups }, () => `user:${Math.floor(random() * KEY_SPACE)}`);
  const nodes = Array.from({ length: NODES }, (_, i) => `node-${i}`);
  const first = nodes[0]!;

  // Each ring is built once, before the timed part: the benchmark times lookups only.
  const ours = new HashRing({ virtualNodes: POINTS_PER_NODE });
  for (const node of nodes) ours.addNode(node);
  // hashring makes 'vnode count' MD5 digests per node and takes 'replicas' points from each
  // (4 by default, ketama's 40 x 4 = 160; 3 in its hash_ring mode): 50 x 3 = 150 points.
  const hashring = new HashRingLib(nodes, 'md5', { 'vnode count': POINTS_PER_NODE / 3, compatibility: 'hash_ring' });
  // consistent-hash's weight is its number of points per node (default 40).
  const consistentHash = new ConsistentHash({ weight: POINTS_PER_NODE });
  for (const node of nodes) consistentHash.add(node);
  const rendezvous = new RendezvousHash();
  for (const node of nodes) rendezvous.addNode(node);

  const contenders: Contender<number>[] = [
    {
      name: OURS,
      run: () => {
        let count = 0;
        for (let i = 0; i < lookups; i++) if (ours.getNode(keys[i]!) === first) count++;
        return count;
      },
    },
    {
      name: 'hashring',
      run: () => {
        let count = 0;
        for (let i = 0; i < lookups; i++) if (hashring.get(keys[i]!) === first) count++;
        return count;
      },
    },
    {
      name: 'consistent-hash',
      run: () => {
        let count = 0;
        for (let i = 0; i < lookups; i++) if (consistentHash.get(keys[i]!) === first) count++;
        return count;
      },
    },
    {
      name: 'cachecraft jumpHash (bucketOf) *',
      run: () => {
        let count = 0;
        for (let i = 0; i < lookups; i++) if (nodes[bucketOf(keys[i]!, NODES)] === first) count++;
        return count;
      },
    },
    {
      name: 'cachecraft RendezvousHash *',
      run: () => {
        let count = 0;
        for (let i = 0; i < lookups; i++) if (rendezvous.getNode(keys[i]!) === first) count++;
        return count;
      },
    },
  ];

  const measured = compare(contenders, { ops: lookups, warmup, rounds });
  const oursMeasured = measured[0]!;
  const rows: HashingRow[] = [];
  const printed: string[][] = [['implementation', 'lookups/s', 'ns/lookup', 'share of node-0', 'ours vs it']];
  for (const m of measured) {
    const share = m.result / lookups;
    // Ten nodes: a tenth each, give or take what 150 points per node leave uneven.
    if (share < 0.05 || share > 0.15) {
      throw new Error(`hashing bench: ${m.name} sent ${formatPercent(share)} of the keys to ${first}, not about 10%`);
    }
    rows.push({ name: m.name, opsPerSec: m.opsPerSec, samples: m.samples, informational: m.name.endsWith('*') });
    printed.push([
      m.name,
      formatOps(m.opsPerSec),
      (1e9 / m.opsPerSec).toFixed(0),
      formatPercent(share),
      m === oursMeasured ? '' : formatRatio(oursMeasured.opsPerSec / m.opsPerSec),
    ]);
  }
  console.log(table(printed));
  return rows;
}
