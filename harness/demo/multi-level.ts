/**
 * `npm run demo multi-level`: three levels on real parts. L1 is an in-process LRU of 200
 * products, L2 a real Redis (a throwaway redis-server on a loopback port), L3 a SQLite file with
 * 5,000 products. 20,000 gets follow a Zipf(0.9) trace; each get is timed and counted at the level
 * that answered it. Then a second instance starts, as after a deploy: its L1 is empty, but the
 * shared L2 is not.
 *
 * @module
 */
import type { CacheStore, Database } from '../../exercises/workbook.js';
import { findRedisServer, startRedis } from '../../lib/redis-server.js';
import { RedisStore } from '../../lib/redis-store.js';
import { SqliteDatabase } from '../../lib/sqlite-database.js';
import { LRUCache } from '../../solutions/lru.js';
import { MultiLevelCache, type LevelEntry } from '../../solutions/multi-level.js';
import { catalogue, type Product } from '../../bench/catalogue.js';
import { zipfTrace } from '../../bench/zipf.js';
import { c } from '../cli/term.js';
import { columns, count } from './format.js';

const PRODUCTS = 5_000;
const GETS = 20_000;
const L1_CAPACITY = 200;

/** How many gets reached a level: a get that reached L3 was answered there, else by the lowest level it reached. */
interface Counter {
  calls: number;
}

/** Runs the demo, writing its lines to `out`. */
export async function run(out: (line: string) => void): Promise<void> {
  if (findRedisServer() === undefined) throw new Error('this demo needs redis-server (Debian: apt-get install -y redis-server)');
  out(c.bold(`demo multi-level: L1 an LRU of ${count(L1_CAPACITY)} in this process, L2 Redis on loopback, L3 SQLite with ${count(PRODUCTS)} products`));
  const server = await startRedis();
  const redis = await RedisStore.connect<LevelEntry<Product>>(server.url, 'demo:');
  const db = SqliteDatabase.temporary<Product>();
  try {
    const products = catalogue(PRODUCTS, 21);
    for (const product of products) await db.set(`product:${product.id}`, product);
    const trace = Array.from(zipfTrace({ keys: PRODUCTS, requests: GETS, exponent: 0.9, seed: 5 }), (i) => `product:${products[i]!.id}`);

    out('');
    out(c.bold(`1. ${count(GETS)} gets on a Zipf(0.9) trace, starting cold`));
    for (const line of await workload(trace, redis, db)) out(line);
    out('');
    out(c.bold('2. A second instance, as after a deploy: its L1 is empty, the shared L2 is warm'));
    for (const line of await workload(trace, redis, db)) out(line);
    out('');
    out('  An L1 hit never leaves the process; an L2 hit costs a round trip to Redis; an L3 hit reads');
    out('  SQLite and fills both levels above it. The second instance shows why L2 is shared: a new');
    out('  process starts with most of its reads one round trip away instead of at the database.');
  } finally {
    db.close();
    await redis.client.quit();
    await server.stop();
  }
}

/** Runs the trace through a new MultiLevelCache on `l2` and `db`; returns the table of levels. */
async function workload(trace: readonly string[], l2: CacheStore<LevelEntry<Product>>, db: Database<Product>): Promise<string[]> {
  const l2Calls: Counter = { calls: 0 };
  const dbCalls: Counter = { calls: 0 };
  const cache = new MultiLevelCache<Product>({
    l1: new LRUCache<string, LevelEntry<Product>>(L1_CAPACITY),
    l2: counting(l2, l2Calls),
    db: counting(db, dbCalls),
    l1TtlMs: 60_000,
    l2TtlMs: 600_000,
  });
  const levels = ['L1 (memory)', 'L2 (Redis)', 'L3 (SQLite)'] as const;
  const samples: number[][] = [[], [], []];
  for (const key of trace) {
    const before = [l2Calls.calls, dbCalls.calls];
    const start = process.hrtime.bigint();
    await cache.get(key);
    const micros = Number(process.hrtime.bigint() - start) / 1e3;
    const level = dbCalls.calls > before[1]! ? 2 : l2Calls.calls > before[0]! ? 1 : 0;
    samples[level]!.push(micros);
  }
  const rows = levels.map((name, i) => {
    const sorted = [...samples[i]!].sort((a, b) => a - b);
    const at = (q: number): string => (sorted.length === 0 ? '-' : `${count(Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!))} µs`);
    return [name, count(sorted.length), `${((100 * sorted.length) / trace.length).toFixed(1)}%`, at(0.5), at(0.99)];
  });
  return columns([['answered by', 'gets', 'share', 'median', 'p99'], ...rows]);
}

/** `target`, with its `get` calls counted in `counter`. */
function counting<S extends { get(key: string): Promise<unknown> }>(target: S, counter: Counter): S {
  return new Proxy(target, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (property === 'get' && typeof value === 'function') {
        return (key: string) => {
          counter.calls++;
          return (value as (key: string) => Promise<unknown>).call(target, key);
        };
      }
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
