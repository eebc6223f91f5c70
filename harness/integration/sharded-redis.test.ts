/**
 * The reference ShardedCache over real redis-servers: every key is on the server the ring names
 * and on no other, adding a server makes exactly the reported fraction of keys miss, and a server
 * that dies costs misses (reported) for its keys and failed writes, while the others still hit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRedisServer, startRedis, type RedisServer } from '../../lib/redis-server.js';
import { RedisStore } from '../../lib/redis-store.js';
import { needBinary } from '../../lib/system-binary.js';
import { ShardedCache } from '../../solutions/sharded-cache.js';
import { within } from './within.js';

const available = needBinary('redis-server', findRedisServer(), 'Debian: apt-get install -y redis-server');

const NAMES = ['redis-a', 'redis-b', 'redis-c', 'redis-d'] as const;
const KEYS = Array.from({ length: 10_000 }, (_, i) => `user:${i}`);
const valueOf = (key: string): string => `value of ${key}`;

describe.runIf(available)('ShardedCache over real redis-servers', () => {
  const servers: RedisServer[] = [];
  const stores: RedisStore<string>[] = [];

  beforeAll(async () => {
    // One at a time, each kept as soon as it exists, so afterAll stops whatever did start.
    for (let i = 0; i < NAMES.length; i++) servers.push(await startRedis());
    for (const server of servers) stores.push(await RedisStore.connect<string>(server.url));
  }, 30_000);

  afterAll(async () => {
    await Promise.allSettled(stores.map((store) => store.close()));
    await Promise.allSettled(servers.map((server) => server.stop()));
  });

  it('keeps each key on its node, misses exactly the reported fraction after a node joins, and survives a node that dies', async () => {
    const reported: { node: string; key: string }[] = [];
    const cache = new ShardedCache<string>({
      nodes: { [NAMES[0]]: stores[0]!, [NAMES[1]]: stores[1]!, [NAMES[2]]: stores[2]! },
      onNodeError: (_error, node, key) => reported.push({ node, key }),
    });
    await within(5_000, 'writing 10,000 keys', Promise.all(KEYS.map((key) => cache.set(key, valueOf(key)))));

    // Each key is on the server nodeFor names, with its value, and on no other server.
    const held = await within(5_000, 'listing the keys of each server', Promise.all(stores.map((store) => store.client.keys('*'))));
    const where = new Map<string, string[]>();
    held.forEach((keys, i) => keys.forEach((key) => where.set(key, [...(where.get(key) ?? []), NAMES[i]!])));
    expect(where.size).toBe(KEYS.length);
    const misplaced = KEYS.filter((key) => where.get(key)?.join() !== cache.nodeFor(key));
    expect(misplaced).toEqual([]);
    for (let i = 0; i < 3; i++) {
      const keys = held[i]!;
      const raw = await within(5_000, `reading ${NAMES[i]} directly`, stores[i]!.client.mget(keys));
      expect(raw).toEqual(keys.map((key) => JSON.stringify(valueOf(key))));
      // Three nodes: each holds about a third of the keys.
      expect(keys.length / KEYS.length).toBeGreaterThan(0.25);
      expect(keys.length / KEYS.length).toBeLessThan(0.42);
    }

    // A fourth node: about a quarter of the keys move to it, and each of those misses once.
    const before = new Map(KEYS.map((key) => [key, cache.nodeFor(key)]));
    const fraction = cache.addNode(NAMES[3], stores[3]!);
    expect(fraction).toBeGreaterThan(0.18);
    expect(fraction).toBeLessThan(0.32);
    const moved = KEYS.filter((key) => cache.nodeFor(key) !== before.get(key));
    expect(moved.every((key) => cache.nodeFor(key) === NAMES[3])).toBe(true);
    const values = await within(5_000, 'reading 10,000 keys', Promise.all(KEYS.map((key) => cache.get(key))));
    const hits = values.filter((value, i) => value === valueOf(KEYS[i]!)).length;
    const misses = values.filter((value) => value === undefined).length;
    expect(hits + misses).toBe(KEYS.length);
    // The measured hit rate is 1 - fraction, exactly: compared as counts, free of rounding.
    expect(misses).toBe(moved.length);
    expect(fraction * KEYS.length).toBeCloseTo(misses, 6);
    expect(hits / KEYS.length).toBeCloseTo(1 - fraction, 12);
    expect(reported).toEqual([]);

    // Write the moved keys again, so that every key is where it belongs; then one server dies.
    await within(5_000, 'rewriting the moved keys', Promise.all(moved.map((key) => cache.set(key, valueOf(key)))));
    const dead = NAMES[1];
    await within(10_000, `killing ${dead}`, servers[1]!.kill());
    const lost = KEYS.filter((key) => cache.nodeFor(key) === dead);
    const kept = KEYS.filter((key) => cache.nodeFor(key) !== dead);
    expect(lost.length).toBeGreaterThan(1_000);

    // Its keys miss, each reported with the node's name; every other key still hits.
    const lostValues = await within(5_000, `reading the keys of ${dead}`, Promise.all(lost.map((key) => cache.get(key))));
    expect(lostValues.every((value) => value === undefined)).toBe(true);
    expect(reported.length).toBe(lost.length);
    expect(reported.every((r) => r.node === dead)).toBe(true);
    expect(new Set(reported.map((r) => r.key))).toEqual(new Set(lost));
    const keptValues = await within(5_000, 'reading the other keys', Promise.all(kept.map((key) => cache.get(key))));
    expect(keptValues.filter((value, i) => value === valueOf(kept[i]!)).length).toBe(kept.length);
    expect(reported.length).toBe(lost.length);

    // Writes to its keys reject, at once; writes to the others succeed.
    const writes = await within(5_000, `writing to ${dead}`, Promise.allSettled(lost.slice(0, 50).map((key) => cache.set(key, 'new'))));
    expect(writes.every((w) => w.status === 'rejected')).toBe(true);
    await within(5_000, 'writing to the live nodes', Promise.all(kept.slice(0, 50).map((key) => cache.set(key, 'new'))));
  }, 30_000);
});
