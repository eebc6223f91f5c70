/**
 * Chapter 03 benchmarks: the pattern solutions against the simplest thing that does the job.
 *
 * - **Write-behind vs write-through** on a real SQLite file (`SqliteDatabase`, WAL): the same
 *   writes, each awaited by its caller, through `solutions/write-through.ts` (the database, then
 *   the cache, per write) and `solutions/write-behind.ts` (acknowledged from the cache, written in
 *   batches; its time includes the final `flush()`). Keys cycle through a set larger than a batch,
 *   so no key is written twice in one batch: write-behind gains from batching alone, not from
 *   coalescing.
 * - **SingleFlightCache's hit path** against a plain `Map` get-or-load, written as people write it
 *   (`async (key) => map.get(key) ?? load(key)`), every key cached beforehand, so every get is a
 *   hit. Two pairings: a finite TTL, where the plain version checks the same TTL against the same
 *   clock (`Date.now()`, the contract's default), and `ttlMs: Infinity`, where neither reads a
 *   clock. Two loops: `await get(key)`, what a caller pays, and `get(key)` alone, the call itself.
 *
 * @module
 */
import { systemClock } from '../exercises/workbook.js';
import { seededRandom } from '../harness/grade/random.js';
import { MemoryStore } from '../lib/memory-store.js';
import { SqliteDatabase } from '../lib/sqlite-database.js';
import { SingleFlightCache } from '../solutions/stampede.js';
import { WriteBehind } from '../solutions/write-behind.js';
import { WriteThrough } from '../solutions/write-through.js';
import { compareAsync, median, type AsyncContender, type AsyncRun, type Measured } from './measure.js';
import { formatOps, formatRatio, table } from './report.js';

/** SQLite's `synchronous` setting, as `SqliteDatabase` takes it. */
export type Synchronous = 'full' | 'normal';

/** Options for {@link benchWrites}. */
export interface WriteBenchOptions {
  /** One comparison per setting, with its number of writes (fsync-bound settings need fewer). */
  settings: { synchronous: Synchronous; writes: number }[];
  /** Distinct keys, written in turn. */
  keys: number;
  warmup: number;
  rounds: number;
}

/** One setting's result. */
export interface WriteRow {
  synchronous: Synchronous;
  writes: number;
  /** Median writes/s of write-through. */
  through: number;
  /** Median writes/s of write-behind, its final flush included. */
  behind: number;
  /** behind / through, from the medians. */
  ratio: number;
  /** behind / through, round by round. */
  perRound: number[];
}

/** Runs the write benchmark, prints a table and returns the rows. */
export async function benchWrites(options: WriteBenchOptions): Promise<WriteRow[]> {
  const { settings, keys, warmup, rounds } = options;
  const names = Array.from({ length: keys }, (_, i) => `user:${i}`);
  const rows: WriteRow[] = [];
  for (const { synchronous, writes } of settings) {
    const contenders = writeContenders(synchronous, writes, names);
    const [through, behind] = (await compareAsync(contenders, { ops: writes, warmup, rounds })) as [Measured<number>, Measured<number>];
    rows.push({
      synchronous,
      writes,
      through: through.opsPerSec,
      behind: behind.opsPerSec,
      ratio: behind.opsPerSec / through.opsPerSec,
      perRound: behind.samples.map((s, i) => s / through.samples[i]!),
    });
  }
  console.log(
    table(
      [
        ['synchronous', 'writes', 'write-through', 'write-behind', 'behind / through', 'per round (range)'],
        ...rows.map((r) => [
          r.synchronous,
          r.writes.toLocaleString('en-US'),
          `${formatOps(r.through)}/s`,
          `${formatOps(r.behind)}/s`,
          formatRatio(r.ratio),
          `${formatRatio(Math.min(...r.perRound))}-${formatRatio(Math.max(...r.perRound))}`,
        ]),
      ],
      1,
    ),
  );
  return rows;
}

/** Write-through, then write-behind, each writing `writes` values to `keys` in turn into a new file. */
function writeContenders(synchronous: Synchronous, writes: number, keys: readonly string[]): AsyncContender<number>[] {
  return [
    {
      name: 'write-through',
      prepare: async () => {
        const db = SqliteDatabase.temporary<number>({ synchronous });
        const writer = new WriteThrough<number>({ cache: new MemoryStore(), db });
        return withCheck(db, keys, writes, async () => {
          for (let i = 0; i < writes; i++) await writer.set(keys[i % keys.length]!, i);
        });
      },
    },
    {
      name: 'write-behind',
      prepare: async () => {
        const db = SqliteDatabase.temporary<number>({ synchronous });
        let deadLetters = 0;
        const writer = new WriteBehind<number>({ cache: new MemoryStore(), db, onDeadLetter: () => deadLetters++ });
        const checked = withCheck(db, keys, writes, async () => {
          for (let i = 0; i < writes; i++) await writer.set(keys[i % keys.length]!, i);
          await writer.flush();
        });
        return {
          run: checked.run,
          dispose: async () => {
            await writer.close();
            if (deadLetters > 0) throw new Error(`patterns bench: ${deadLetters} dead letters`);
            await checked.dispose();
          },
        };
      },
    },
  ];
}

/** A timed `write`, then (untimed) a check that `db` holds the last value of every key, and its removal. */
function withCheck(db: SqliteDatabase<number>, keys: readonly string[], writes: number, write: () => Promise<void>): Required<AsyncRun<number>> {
  return {
    run: async () => {
      await write();
      return writes;
    },
    dispose: async () => {
      try {
        for (let k = 0; k < Math.min(keys.length, writes); k++) {
          const last = k + keys.length * Math.floor((writes - 1 - k) / keys.length);
          const stored = await db.get(keys[k]!);
          if (stored !== last) throw new Error(`patterns bench: ${keys[k]} is ${stored}, expected ${last}`);
        }
        if (db.count() !== Math.min(keys.length, writes)) throw new Error(`patterns bench: ${db.count()} rows`);
      } finally {
        db.close();
      }
    },
  };
}

/** Options for {@link benchSingleFlightHits}. */
export interface HitBenchOptions {
  /** Distinct keys, all cached before the timed part. */
  keys: number;
  /** Gets per run, of keys drawn at random. */
  hits: number;
  warmup: number;
  rounds: number;
  seed: number;
}

/** One pairing and loop. */
export interface HitRow {
  /** What the plain version does on a hit besides the lookup (a TTL check, or nothing). */
  pairing: string;
  /** `await get(key)` or `get(key)` alone. */
  loop: string;
  /** Median gets/s of SingleFlightCache. */
  ours: number;
  /** Median gets/s of the plain Map get-or-load. */
  plain: number;
  /** ours / plain in time per get (plain ops/s / ours ops/s): below 1 is faster. */
  timeRatio: number;
  /** The same, round by round. */
  perRound: number[];
}

const TTL_MS = 3_600_000;
/** What the loader returns; the loops add it up, as a cross-check that every contender got the same values. */
const load = (key: string): Promise<number> => Promise.resolve(key.length);

/** A SingleFlightCache with every key loaded, and the plain get-or-load it is compared with, likewise filled. */
async function filledOurs(ttlMs: number, keys: readonly string[]): Promise<SingleFlightCache<number>> {
  const cache = new SingleFlightCache<number>({ load, ttlMs });
  await Promise.all(keys.map((key) => cache.get(key)));
  return cache;
}

/** The plain get-or-load with a TTL, on the same clock as ours: `Date.now()`. */
async function filledPlainWithTtl(keys: readonly string[]): Promise<(key: string) => Promise<number>> {
  const map = new Map<string, { value: number; loadedAt: number }>();
  const fill = async (key: string): Promise<number> => {
    const value = await load(key);
    map.set(key, { value, loadedAt: systemClock.now() });
    return value;
  };
  const get = async (key: string): Promise<number> => {
    const entry = map.get(key);
    return entry !== undefined && systemClock.now() - entry.loadedAt < TTL_MS ? entry.value : fill(key);
  };
  await Promise.all(keys.map(get));
  return get;
}

/** The plain get-or-load without a TTL: `async (key) => map.get(key) ?? load(key)`, storing what it loads. */
async function filledPlain(keys: readonly string[]): Promise<(key: string) => Promise<number>> {
  const map = new Map<string, number>();
  const fill = async (key: string): Promise<number> => {
    const value = await load(key);
    map.set(key, value);
    return value;
  };
  const get = async (key: string): Promise<number> => map.get(key) ?? fill(key);
  await Promise.all(keys.map(get));
  return get;
}

/**
 * Runs the hit-path benchmark, prints a table and returns the rows. Every contender has its own
 * copy of its loop (see bench/README.md), hence the repetition.
 */
export async function benchSingleFlightHits(options: HitBenchOptions): Promise<HitRow[]> {
  const { keys: keyCount, hits, warmup, rounds, seed } = options;
  const random = seededRandom(seed);
  const keys = Array.from({ length: keyCount }, (_, i) => `key:${i}`);
  const trace = Array.from({ length: hits }, () => keys[Math.floor(random() * keyCount)]!);
  const timed = `ttlMs ${TTL_MS.toLocaleString('en-US')}, plain checks it too`;
  const forever = 'ttlMs Infinity, plain has no TTL';

  const pairs: [string, string, AsyncContender<number>, AsyncContender<number>][] = [
    [
      timed,
      'await get(key)',
      {
        name: 'ours',
        prepare: async () => {
          const c = await filledOurs(TTL_MS, keys);
          return { run: async () => { let s = 0; for (let i = 0; i < hits; i++) s += await c.get(trace[i]!); return s; } };
        },
      },
      {
        name: 'plain',
        prepare: async () => {
          const g = await filledPlainWithTtl(keys);
          return { run: async () => { let s = 0; for (let i = 0; i < hits; i++) s += await g(trace[i]!); return s; } };
        },
      },
    ],
    [
      timed,
      'get(key) alone',
      {
        name: 'ours',
        prepare: async () => {
          const c = await filledOurs(TTL_MS, keys);
          return { run: () => { let p = Promise.resolve(0); for (let i = 0; i < hits; i++) p = c.get(trace[i]!); return p; } };
        },
      },
      {
        name: 'plain',
        prepare: async () => {
          const g = await filledPlainWithTtl(keys);
          return { run: () => { let p = Promise.resolve(0); for (let i = 0; i < hits; i++) p = g(trace[i]!); return p; } };
        },
      },
    ],
    [
      forever,
      'await get(key)',
      {
        name: 'ours',
        prepare: async () => {
          const c = await filledOurs(Infinity, keys);
          return { run: async () => { let s = 0; for (let i = 0; i < hits; i++) s += await c.get(trace[i]!); return s; } };
        },
      },
      {
        name: 'plain',
        prepare: async () => {
          const g = await filledPlain(keys);
          return { run: async () => { let s = 0; for (let i = 0; i < hits; i++) s += await g(trace[i]!); return s; } };
        },
      },
    ],
    [
      forever,
      'get(key) alone',
      {
        name: 'ours',
        prepare: async () => {
          const c = await filledOurs(Infinity, keys);
          return { run: () => { let p = Promise.resolve(0); for (let i = 0; i < hits; i++) p = c.get(trace[i]!); return p; } };
        },
      },
      {
        name: 'plain',
        prepare: async () => {
          const g = await filledPlain(keys);
          return { run: () => { let p = Promise.resolve(0); for (let i = 0; i < hits; i++) p = g(trace[i]!); return p; } };
        },
      },
    ],
  ];

  const rows: HitRow[] = [];
  for (const [pairing, loop, ours, plain] of pairs) {
    const [o, p] = (await compareAsync([ours, plain], { ops: hits, warmup, rounds })) as [Measured<number>, Measured<number>];
    if (o.result !== p.result) throw new Error(`patterns bench: ${pairing}, ${loop}: ours returned ${o.result}, plain ${p.result}`);
    rows.push({ pairing, loop, ours: o.opsPerSec, plain: p.opsPerSec, timeRatio: p.opsPerSec / o.opsPerSec, perRound: p.samples.map((s, i) => s / o.samples[i]!) });
  }
  console.log(
    table(
      [
        ['pairing', 'loop', 'ours', 'plain Map', 'ours / plain, time', 'per round: median', 'range'],
        ...rows.map((r) => [
          r.pairing,
          r.loop,
          formatOps(r.ours),
          formatOps(r.plain),
          formatRatio(r.timeRatio),
          formatRatio(median(r.perRound)),
          `${formatRatio(Math.min(...r.perRound))}-${formatRatio(Math.max(...r.perRound))}`,
        ]),
      ],
      2,
    ),
  );
  return rows;
}
