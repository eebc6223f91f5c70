/**
 * LRU benchmark: solutions/lru.ts against lru-cache, lru.min and mnemonist on a
 * get-else-set loop over a scrambled Zipf(0.9) trace.
 *
 * Every contender gets its own copy of the loop. That is deliberate: one shared loop
 * would see four different cache classes at its `get`/`set` call sites, go megamorphic,
 * and measure V8's inline-cache misses instead of the caches.
 *
 * @module
 */
import { LRUCache as LruCacheLib } from 'lru-cache';
import { createLRU } from 'lru.min';
import { LRUMap, LRUCache as MnemonistLRUCache } from 'mnemonist';
import { LRUCache } from '../solutions/lru.js';
import { compare, type Contender, type Measured } from './measure.js';
import { formatOps, formatPercent, formatRatio, table } from './report.js';
import { zipfTrace } from './zipf.js';

/** Our implementation's name in the tables. */
export const OURS = 'cachecraft (solutions/lru.ts)';

/** Options for {@link benchLru}. */
export interface LruBenchOptions {
  keys: number;
  requests: number;
  capacities: number[];
  warmup: number;
  rounds: number;
  seed: number;
}

/** One row of the results. */
export interface LruRow {
  capacity: number;
  name: string;
  opsPerSec: number;
  hitRatio: number;
  /** Excluded from the "fastest peer" comparison (see the README). */
  informational: boolean;
  /** ops/s of every timed round, in round order (round r of every contender ran back to back). */
  samples: number[];
}

/** The contenders, each returning its number of hits over the trace. */
function contenders(trace: Uint32Array, capacity: number, withInformational: boolean): Contender<number>[] {
  const n = trace.length;
  const list: Contender<number>[] = [
    {
      name: OURS,
      run: () => {
        const c = new LRUCache<number, number>(capacity);
        let hits = 0;
        for (let i = 0; i < n; i++) {
          const k = trace[i]!;
          const v = c.get(k);
          if (v === undefined) c.set(k, k);
          else hits++;
        }
        return hits;
      },
    },
    {
      name: 'lru-cache',
      run: () => {
        const c = new LruCacheLib<number, number>({ max: capacity });
        let hits = 0;
        for (let i = 0; i < n; i++) {
          const k = trace[i]!;
          const v = c.get(k);
          if (v === undefined) c.set(k, k);
          else hits++;
        }
        return hits;
      },
    },
    {
      name: 'lru.min',
      run: () => {
        const c = createLRU<number, number>({ max: capacity });
        let hits = 0;
        for (let i = 0; i < n; i++) {
          const k = trace[i]!;
          const v = c.get(k);
          if (v === undefined) c.set(k, k);
          else hits++;
        }
        return hits;
      },
    },
    {
      name: 'mnemonist LRUMap',
      run: () => {
        const c = new LRUMap<number, number>(capacity);
        let hits = 0;
        for (let i = 0; i < n; i++) {
          const k = trace[i]!;
          const v = c.get(k);
          if (v === undefined) c.set(k, k);
          else hits++;
        }
        return hits;
      },
    },
  ];
  if (withInformational) {
    list.push({
      name: 'mnemonist LRUCache *',
      run: () => {
        const c = new MnemonistLRUCache<number, number>(capacity);
        let hits = 0;
        for (let i = 0; i < n; i++) {
          const k = trace[i]!;
          const v = c.get(k);
          if (v === undefined) c.set(k, k);
          else hits++;
        }
        return hits;
      },
    });
  }
  return list;
}

/** Runs the LRU benchmark, prints a table and returns the rows. Throws if hit ratios differ. */
export function benchLru(options: LruBenchOptions, withInformational = true): LruRow[] {
  const { keys, requests, capacities, warmup, rounds, seed } = options;
  const trace = zipfTrace({ keys, requests, exponent: 0.9, seed });
  const rows: LruRow[] = [];
  const printed: string[][] = [['capacity', 'implementation', 'ops/s', 'hit ratio', 'vs ours']];

  for (const capacity of capacities) {
    const measured: Measured<number>[] = compare(contenders(trace, capacity, withInformational), {
      ops: requests,
      warmup,
      rounds,
    });

    // Same algorithm, same trace: every correct LRU has exactly the same hits.
    const hits = measured[0]!.result;
    for (const m of measured) {
      if (m.result !== hits) {
        throw new Error(`LRU bench: ${m.name} had ${m.result} hits at capacity ${capacity}, ${OURS} had ${hits}`);
      }
    }

    const ours = measured[0]!;
    for (const m of measured) {
      const informational = m.name.endsWith('*');
      rows.push({
        capacity,
        name: m.name,
        opsPerSec: m.opsPerSec,
        hitRatio: m.result / requests,
        informational,
        samples: m.samples,
      });
      printed.push([
        capacity.toLocaleString('en-US'),
        m.name,
        formatOps(m.opsPerSec),
        formatPercent(m.result / requests),
        m === ours ? '' : formatRatio(ours.opsPerSec / m.opsPerSec),
      ]);
    }
  }
  console.log(table(printed, 2));
  return rows;
}
