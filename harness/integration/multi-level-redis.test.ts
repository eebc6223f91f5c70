/**
 * The reference MultiLevelCache over real parts: L1 the reference LRUCache (a few entries), L2 a
 * real redis-server, L3 a SQLite file. Reads fill the levels they missed, writes reach all three
 * (checked in Redis and SQLite directly), and when the Redis server dies reads fall through to
 * SQLite, with the errors reported, never thrown.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRedisServer, startRedis, type RedisServer } from '../../lib/redis-server.js';
import { RedisStore } from '../../lib/redis-store.js';
import { SqliteDatabase } from '../../lib/sqlite-database.js';
import { needBinary } from '../../lib/system-binary.js';
import { LRUCache } from '../../solutions/lru.js';
import { MultiLevelCache, type LevelEntry } from '../../solutions/multi-level.js';
import { within } from './within.js';

const available = needBinary('redis-server', findRedisServer(), 'Debian: apt-get install -y redis-server');

const L1_TTL = 5_000;
const L2_TTL = 60_000;

describe.runIf(available)('MultiLevelCache over an LRU, a real redis-server and SQLite', () => {
  let server: RedisServer | undefined;
  let store: RedisStore<LevelEntry<string>> | undefined;
  const db = SqliteDatabase.temporary<string>();

  beforeAll(async () => {
    server = await startRedis();
    store = await RedisStore.connect<LevelEntry<string>>(server.url, 'ml:');
  }, 30_000);

  afterAll(async () => {
    await store?.close();
    await server?.stop();
    db.close();
  });

  it('fills the levels it missed, writes every level, and reads from SQLite when Redis dies', async () => {
    const redis = store!;
    const l1 = new LRUCache<string, LevelEntry<string>>(4);
    const reported: { level: string; operation: string; key: string }[] = [];
    const l2Reads: string[] = [];
    const l2 = {
      get: (key: string) => (l2Reads.push(key), redis.get(key)),
      set: (key: string, entry: LevelEntry<string>, ttlMs?: number) => redis.set(key, entry, ttlMs),
      delete: (key: string) => redis.delete(key),
    };
    const cache = new MultiLevelCache<string>({ l1, l2, db, l1TtlMs: L1_TTL, l2TtlMs: L2_TTL, onLevelError: (_error, level, operation, key) => reported.push({ level, operation, key }) });
    const raw = async (key: string): Promise<LevelEntry<string> | undefined> => {
      const text = await redis.client.get(`ml:${key}`);
      return text === null ? undefined : (JSON.parse(text) as LevelEntry<string>);
    };

    // A database hit fills L2 (with its TTL, in Redis) and L1.
    await db.set('user:1', 'Ada');
    const before = Date.now();
    expect(await within(5_000, 'the first get', cache.get('user:1'))).toBe('Ada');
    const inRedis = await raw('user:1');
    expect(inRedis?.value).toBe('Ada');
    expect(inRedis!.expiresAt).toBeGreaterThanOrEqual(before + L2_TTL);
    const pttl = await redis.client.pttl('ml:user:1');
    expect(pttl).toBeGreaterThan(L2_TTL - 5_000);
    expect(pttl).toBeLessThanOrEqual(L2_TTL);
    expect(l1.peek('user:1')?.value).toBe('Ada');
    expect(l1.peek('user:1')!.expiresAt).toBeLessThanOrEqual(Date.now() + L1_TTL);

    // An L1 hit does not ask Redis.
    const reads = l2Reads.length;
    expect(await cache.get('user:1')).toBe('Ada');
    expect(l2Reads.length).toBe(reads);

    // With L1 emptied, Redis answers (the database changed behind the cache's back: the value proves where it came from) and L1 is filled again.
    await db.set('user:1', 'Ada (database only)');
    l1.delete('user:1');
    expect(await cache.get('user:1')).toBe('Ada');
    expect(l2Reads.length).toBe(reads + 1);
    expect(l1.peek('user:1')?.value).toBe('Ada');

    // A key the database lacks caches nothing.
    expect(await cache.get('user:404')).toBeUndefined();
    expect(await raw('user:404')).toBeUndefined();
    expect(l1.peek('user:404')).toBeUndefined();

    // set reaches SQLite, Redis and L1; delete removes it from all three.
    await within(5_000, 'set', cache.set('user:2', 'Grace'));
    expect(await db.get('user:2')).toBe('Grace');
    expect((await raw('user:2'))?.value).toBe('Grace');
    expect(l1.peek('user:2')?.value).toBe('Grace');
    await within(5_000, 'delete', cache.delete('user:2'));
    expect(await db.get('user:2')).toBeUndefined();
    expect(await raw('user:2')).toBeUndefined();
    expect(l1.peek('user:2')).toBeUndefined();
    expect(await cache.get('user:2')).toBeUndefined();

    // Concurrent misses share one load.
    await db.set('user:3', 'Edsger');
    const before3 = l2Reads.filter((k) => k === 'user:3').length;
    const values = await within(5_000, 'ten concurrent gets', Promise.all(Array.from({ length: 10 }, () => cache.get('user:3'))));
    expect(values).toEqual(Array(10).fill('Edsger'));
    expect(l2Reads.filter((k) => k === 'user:3').length - before3).toBe(1);
    expect(reported).toEqual([]);

    // Redis dies: reads that miss L1 fall through to SQLite, each error reported, none thrown.
    await db.set('user:4', 'Barbara');
    await within(10_000, 'killing redis-server', server!.kill());
    l1.delete('user:1');
    expect(await within(5_000, 'a read with Redis down', cache.get('user:1'))).toBe('Ada (database only)');
    expect(await within(5_000, 'another read with Redis down', cache.get('user:4'))).toBe('Barbara');
    expect(reported.filter((r) => r.level === 'l2' && r.operation === 'get').map((r) => r.key)).toEqual(['user:1', 'user:4']);
    expect(reported.every((r) => r.level === 'l2')).toBe(true);
    // The fill of L1 still happened: the next read is an L1 hit, with no new error.
    const errors = reported.length;
    expect(await cache.get('user:4')).toBe('Barbara');
    expect(reported.length).toBe(errors);

    // A write with Redis down reaches SQLite and L1, then rejects with Redis's error.
    await expect(within(5_000, 'a set with Redis down', cache.set('user:5', 'Tony'))).rejects.toThrow();
    expect(await db.get('user:5')).toBe('Tony');
    expect(l1.peek('user:5')?.value).toBe('Tony');
    expect(reported.at(-1)).toEqual({ level: 'l2', operation: 'set', key: 'user:5' });
  }, 30_000);
});
