/** RedisStore against a real redis-server started on a free loopback port. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure } from './expect-failure.js';
import { findRedisServer, startRedis, type RedisServer } from './redis-server.js';
import { RedisStore } from './redis-store.js';
import { needBinary } from './system-binary.js';

const available = needBinary('redis-server', findRedisServer(), 'Debian: apt-get install -y redis-server');

describe.runIf(available)('RedisStore on a real redis-server', () => {
  let server: RedisServer;
  let store: RedisStore<unknown>;

  beforeAll(async () => {
    server = await startRedis();
    store = await RedisStore.connect(server.url, 'test:');
  });

  afterAll(async () => {
    await store?.close();
    await server?.stop();
  });

  it('stores, reads and deletes JSON values under its prefix', async () => {
    const value = { name: 'Ada', tags: ['x', 'é'], n: 1.5, nested: { ok: true, none: null } };
    await store.set('user:1', value);
    expect(await store.get('user:1')).toEqual(value);
    expect(await store.client.get('test:user:1')).toBe(JSON.stringify(value));
    await store.delete('user:1');
    expect(await store.get('user:1')).toBeUndefined();
    await store.delete('never-there');
  });

  it('gives a TTL in milliseconds to Redis (PX), rounded up; none for Infinity', async () => {
    await store.set('short', 'v', 60_000.2);
    const pttl = await store.client.pttl('test:short');
    expect(pttl).toBeGreaterThan(59_000);
    expect(pttl).toBeLessThanOrEqual(60_001);
    await store.set('forever', 'v', Infinity);
    expect(await store.client.pttl('test:forever')).toBe(-1);
  });

  it('refuses bad input before sending anything', async () => {
    await failure(() => store.set('k', undefined), TypeError);
    await failure(() => store.set('k', 1, 0), RangeError);
    await failure(() => store.get(42 as unknown as string), TypeError);
    expect(await store.client.exists('test:k')).toBe(0);
  });

  it('fails fast, rather than hanging, once the server is gone', async () => {
    const doomed = await startRedis();
    const client = await RedisStore.connect<string>(doomed.url);
    await client.set('a', 'b');
    await doomed.kill();
    await expect(client.get('a')).rejects.toThrow();
    await client.close();
  });
});
