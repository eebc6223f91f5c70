/** The reference ReplicatedCache over three real redis-servers: writes at quorum, failover when servers die. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualTime } from '../../lib/manual-time.js';
import { findRedisServer, startRedis, type RedisServer } from '../../lib/redis-server.js';
import { RedisStore } from '../../lib/redis-store.js';
import { needBinary } from '../../lib/system-binary.js';
import { ReplicatedCache, type Versioned } from '../../solutions/replicated-cache.js';

const available = needBinary('redis-server', findRedisServer(), 'Debian: apt-get install -y redis-server');
const KEYS = Array.from({ length: 1_000 }, (_, i) => `user:${i}`);

describe.runIf(available)('ReplicatedCache on three real redis-servers', () => {
  const servers: RedisServer[] = [];
  const stores: RedisStore<Versioned<string>>[] = [];

  beforeAll(async () => {
    for (let i = 0; i < 3; i++) servers.push(await startRedis());
    for (const server of servers) stores.push(await RedisStore.connect<Versioned<string>>(server.url));
  });

  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await Promise.all(servers.map((s) => s.stop()));
  });

  it('keeps every value on every server, fails over when the primary dies, and refuses writes below quorum', async () => {
    const time = new ManualTime(0);
    const failed: string[] = [];
    const cache = new ReplicatedCache<string>({
      nodes: { primary: stores[0]!, replica1: stores[1]!, replica2: stores[2]! },
      clock: time,
      scheduler: time,
      onNodeError: (_error, node) => failed.push(node),
    });
    try {
      await Promise.all(KEYS.map((key) => cache.set(key, key.toUpperCase())));
      for (const store of stores) {
        const raw = await store.get(KEYS[7]!);
        expect(raw).toMatchObject({ value: 'USER:7' });
      }

      await servers[0]!.kill();
      const values = await Promise.all(KEYS.map((key) => cache.get(key)));
      expect(values).toEqual(KEYS.map((key) => key.toUpperCase()));
      // Gets sent together all reached the primary before it was taken out: each failure is reported.
      expect(new Set(failed)).toEqual(new Set(['primary']));
      // Two of three still confirm: a write is acknowledged at the default quorum (2).
      await cache.set('after', 'one down');
      expect(await cache.get('after')).toBe('one down');

      await servers[1]!.kill();
      await expect(cache.set('lost', 'two down')).rejects.toThrow();
      // The last server has every acknowledged write: reads still work, and nothing older is served.
      expect(await cache.get('after')).toBe('one down');
      expect(await cache.get(KEYS[999]!)).toBe('USER:999');
    } finally {
      cache.close();
    }
  }, 60_000);
});
