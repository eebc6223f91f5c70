/**
 * Chapter 05 benchmarks: what compression, encryption and a second cache level cost.
 *
 * - **Compression**: the reference CompressedCache on three payloads from a seeded product
 *   catalogue (one product, a page of 20, a catalogue of 500), for each codec and for no
 *   compression (a threshold above the payload): stored size, ratio, and MB/s of serialised JSON
 *   through `set` (serialise, compress, store) and `get` (read, check, decompress, parse).
 * - **Encryption**: the reference SecureCache (AES-256-GCM) on the same payloads, with and
 *   without compression before encryption, next to storing the JSON unencrypted.
 * - **Multi-level latency**: the reference MultiLevelCache with an in-memory LRU as L1, a real
 *   Redis as L2 (a throwaway redis-server on a loopback port; an in-memory store when
 *   redis-server is missing, said loudly) and SQLite as L3: the latency of a get that hits at
 *   each level, each get timed on its own, the levels above emptied (untimed) before it.
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import type { CacheStore } from '../exercises/workbook.js';
import { MemoryStore } from '../lib/memory-store.js';
import { findRedisServer, startRedis, type RedisServer } from '../lib/redis-server.js';
import { RedisStore } from '../lib/redis-store.js';
import { SqliteDatabase } from '../lib/sqlite-database.js';
import { CompressedCache, type Codec } from '../solutions/compression.js';
import { LRUCache } from '../solutions/lru.js';
import { MultiLevelCache } from '../solutions/multi-level.js';
import { SecureCache } from '../solutions/secure-cache.js';
import { catalogue, type Product } from './catalogue.js';
import { compareAsync, median, type AsyncContender } from './measure.js';
import { formatRatio, table } from './report.js';

/** A payload of the benchmarks: a name and a JSON value. */
export interface Payload {
  name: string;
  value: Product | Product[];
}

/** The three payloads: one product, a page of 20, a catalogue of 500 (seeded). */
export function payloads(): Payload[] {
  return [
    { name: '1 product', value: catalogue(1, 1)[0]! },
    { name: 'page of 20', value: catalogue(20, 2) },
    { name: 'catalogue of 500', value: catalogue(500, 3) },
  ];
}

/** Options for the throughput benchmarks: how much JSON each run moves, warm-up and rounds. */
export interface ThroughputOptions {
  /** Serialised bytes per run (each payload is set or got as many times as fit). */
  bytesPerRun: number;
  warmup: number;
  rounds: number;
}

/** One row of the compression benchmark. */
export interface CompressionRow {
  payload: string;
  codec: Codec | 'none';
  rawBytes: number;
  storedBytes: number;
  /** MB/s of serialised JSON through set and get. */
  setMBps: number;
  getMBps: number;
}

const KEYS = 16;
const bytesOf = (value: unknown): number => Buffer.byteLength(JSON.stringify(value));

/** Times `set` and `get` of one payload through caches made by `make`, as MB/s of serialised JSON. */
async function setAndGet(
  name: string,
  value: unknown,
  make: () => CacheStore<unknown>,
  options: ThroughputOptions,
): Promise<{ setMBps: number; getMBps: number }> {
  const raw = bytesOf(value);
  const ops = Math.max(KEYS, Math.round(options.bytesPerRun / raw));
  const sets: AsyncContender<number> = {
    name: `${name} set`,
    prepare: async () => {
      const cache = make();
      return { run: async () => {
        for (let i = 0; i < ops; i++) await cache.set(`k${i % KEYS}`, value);
        return ops;
      } };
    },
  };
  const gets: AsyncContender<number> = {
    name: `${name} get`,
    prepare: async () => {
      const cache = make();
      for (let i = 0; i < KEYS; i++) await cache.set(`k${i}`, value);
      return { run: async () => {
        let found = 0;
        for (let i = 0; i < ops; i++) if ((await cache.get(`k${i % KEYS}`)) !== undefined) found++;
        if (found !== ops) throw new Error(`operations bench: ${name}: ${ops - found} misses`);
        return found;
      } };
    },
  };
  const [set, get] = await compareAsync([sets, gets], { ops, warmup: options.warmup, rounds: options.rounds });
  return { setMBps: (set!.opsPerSec * raw) / 1e6, getMBps: (get!.opsPerSec * raw) / 1e6 };
}

/** Runs the compression benchmark, prints a table and returns the rows. */
export async function benchCompression(options: ThroughputOptions): Promise<CompressionRow[]> {
  const rows: CompressionRow[] = [];
  for (const { name, value } of payloads()) {
    const rawBytes = bytesOf(value);
    for (const codec of ['none', 'deflate', 'gzip', 'brotli'] as const) {
      const make = (store: CacheStore<Uint8Array> = new MemoryStore<Uint8Array>()): CompressedCache<unknown> =>
        new CompressedCache<unknown>({ store, codec: codec === 'none' ? 'deflate' : codec, thresholdBytes: codec === 'none' ? rawBytes : 1024 });
      const probe = make();
      await probe.set('probe', value);
      const storedBytes = probe.stats.storedBytes;
      const speed = await setAndGet(`${name} ${codec}`, value, () => make(), options);
      rows.push({ payload: name, codec, rawBytes, storedBytes, ...speed });
    }
  }
  console.log(
    table([
      ['payload', 'codec', 'JSON bytes', 'stored bytes', 'ratio', 'set MB/s', 'get MB/s'],
      ...rows.map((r) => [
        r.payload,
        r.codec,
        r.rawBytes.toLocaleString('en-US'),
        r.storedBytes.toLocaleString('en-US'),
        formatRatio(r.rawBytes / r.storedBytes),
        r.setMBps.toFixed(1),
        r.getMBps.toFixed(1),
      ]),
    ], 2),
  );
  return rows;
}

/** One row of the encryption benchmark. */
export interface EncryptionRow {
  payload: string;
  mode: string;
  storedBytes: number;
  setMBps: number;
  getMBps: number;
}

/** A store that remembers the size of what it holds, for the stored-size column. */
class SizedStore extends MemoryStore<Uint8Array> {
  last = 0;
  override set(key: string, value: Uint8Array, ttlMs?: number): Promise<void> {
    this.last = value.byteLength;
    return super.set(key, value, ttlMs);
  }
}

/** Runs the encryption benchmark, prints a table and returns the rows. */
export async function benchEncryption(options: ThroughputOptions): Promise<EncryptionRow[]> {
  const keys = [{ id: 1, key: randomBytes(32) }];
  const modes: { mode: string; make: (store: SizedStore) => CacheStore<unknown> }[] = [
    { mode: 'plain JSON (no encryption)', make: (store) => new JsonBytes(store) },
    { mode: 'AES-256-GCM', make: (store) => new SecureCache<unknown>({ store, keys }) },
    { mode: 'deflate, then AES-256-GCM', make: (store) => new SecureCache<unknown>({ store, keys, compressAboveBytes: 1024 }) },
  ];
  const rows: EncryptionRow[] = [];
  for (const { name, value } of payloads()) {
    for (const { mode, make } of modes) {
      const probe = new SizedStore();
      await make(probe).set('probe', value);
      const speed = await setAndGet(`${name} ${mode}`, value, () => make(new SizedStore()), options);
      rows.push({ payload: name, mode, storedBytes: probe.last, ...speed });
    }
  }
  console.log(
    table([
      ['payload', 'mode', 'stored bytes', 'set MB/s', 'get MB/s'],
      ...rows.map((r) => [r.payload, r.mode, r.storedBytes.toLocaleString('en-US'), r.setMBps.toFixed(1), r.getMBps.toFixed(1)]),
    ], 2),
  );
  return rows;
}

/** The baseline of the encryption benchmark: JSON as UTF-8 bytes, stored as they are. */
class JsonBytes implements CacheStore<unknown> {
  constructor(private readonly store: CacheStore<Uint8Array>) {}
  async get(key: string): Promise<unknown> {
    const bytes = await this.store.get(key);
    return bytes === undefined ? undefined : JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
  }
  set(key: string, value: unknown, ttlMs?: number): Promise<void> {
    return this.store.set(key, Buffer.from(JSON.stringify(value)), ttlMs);
  }
  delete(key: string): Promise<void> {
    return this.store.delete(key);
  }
}

/** Options for {@link benchLevels}. */
export interface LevelOptions {
  /** Timed gets per level. */
  gets: number;
  /** Distinct keys, each a product. */
  keys: number;
}

/** One row of the multi-level benchmark: latency of a get that hits at `level`, in microseconds. */
export interface LevelRow {
  level: string;
  medianUs: number;
  p99Us: number;
}

/** Runs the multi-level latency benchmark, prints a table and returns the rows. */
export async function benchLevels(options: LevelOptions): Promise<LevelRow[]> {
  let server: RedisServer | undefined;
  let redis: RedisStore<unknown> | undefined;
  let l2Name = 'Redis (loopback)';
  if (findRedisServer() === undefined) {
    l2Name = 'an in-memory store';
    console.log('  !! redis-server not found: L2 is an in-memory store in this run, so its row does NOT show a network round trip.');
  } else {
    server = await startRedis();
    redis = await RedisStore.connect<unknown>(server.url, 'bench:');
  }
  const db = SqliteDatabase.temporary<Product>();
  try {
    const products = catalogue(options.keys, 9);
    const names = products.map((p) => `product:${p.id}`);
    for (let i = 0; i < products.length; i++) await db.set(names[i]!, products[i]!);
    const l1 = new LRUCache<string, { value: Product; expiresAt: number }>(options.keys);
    const l2 = (redis ?? new MemoryStore<unknown>()) as CacheStore<{ value: Product; expiresAt: number }>;
    const cache = new MultiLevelCache<Product>({ l1, l2, db, l1TtlMs: 60_000, l2TtlMs: 3_600_000 });
    for (const name of names) await cache.get(name);

    const timeGets = async (before: (key: string) => Promise<void> | void): Promise<LevelRow['medianUs'][]> => {
      const samples: number[] = [];
      for (let i = 0; i < options.gets; i++) {
        const key = names[i % names.length]!;
        await before(key);
        const start = process.hrtime.bigint();
        const value = await cache.get(key);
        samples.push(Number(process.hrtime.bigint() - start) / 1e3);
        if (value === undefined) throw new Error(`operations bench: ${key} missing`);
      }
      return samples;
    };
    const rows: LevelRow[] = [];
    const add = (level: string, samples: number[]): void => {
      const sorted = [...samples].sort((a, b) => a - b);
      rows.push({ level, medianUs: median(samples), p99Us: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))]! });
    };
    add('L1 hit (in-process LRU)', await timeGets(() => undefined));
    add(`L2 hit (${l2Name}), fills L1`, await timeGets((key) => void l1.delete(key)));
    add('L3 hit (SQLite), fills L2 and L1', await timeGets(async (key) => {
      l1.delete(key);
      await l2.delete(key);
    }));
    console.log(
      table([
        ['get that hits at', 'median', 'p99'],
        ...rows.map((r) => [r.level, `${r.medianUs.toFixed(1)} µs`, `${r.p99Us.toFixed(1)} µs`]),
      ]),
    );
    return rows;
  } finally {
    db.close();
    await redis?.client.quit();
    await server?.stop();
  }
}
