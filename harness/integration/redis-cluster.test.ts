/**
 * A real 3-master Redis Cluster on loopback: where the keys live (16384 hash slots, CRC16 of the
 * key), what moves when a fourth master joins, and how that compares with a client-side ring.
 */
import { Cluster, Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedisCluster, type RedisCluster } from '../../lib/redis-cluster.js';
import { findRedisServer } from '../../lib/redis-server.js';
import { needBinary } from '../../lib/system-binary.js';
import { HashRing } from '../../solutions/hash-ring.js';

const available = needBinary('redis-server', findRedisServer(), 'Debian: apt-get install -y redis-server');
const KEYS = Array.from({ length: 10_000 }, (_, i) => `user:${i}`);

describe.runIf(available)('Redis Cluster against a client-side ring', () => {
  let cluster: RedisCluster;
  let client: Cluster;

  beforeAll(async () => {
    cluster = await startRedisCluster(3);
    client = new Cluster(cluster.servers.map((s) => ({ host: s.host, port: s.port })), { redisOptions: { maxRetriesPerRequest: 2 } });
  }, 60_000);

  afterAll(async () => {
    client?.disconnect();
    await cluster?.stop();
  });

  it('places keys by slot, and moves about a quarter of them, with their data, when a fourth master joins', async () => {
    await Promise.all(KEYS.map((key) => client.set(key, key.toUpperCase())));
    const slots = await slotsOf(cluster, KEYS);

    const before = await cluster.slotOwners();
    const ownerBefore = KEYS.map((_, i) => before[slots[i]!]!);
    // Every master owns about a third of the keys.
    for (const server of cluster.servers) {
      const share = ownerBefore.filter((p) => p === server.port).length / KEYS.length;
      expect(share).toBeGreaterThan(0.28);
      expect(share).toBeLessThan(0.39);
    }

    const ring = new HashRing();
    for (const server of cluster.servers) ring.addNode(String(server.port));
    const ringBefore = KEYS.map((key) => ring.getNode(key));

    const added = await cluster.addMaster();
    ring.addNode(String(added.port));

    const after = await cluster.slotOwners();
    const ownerAfter = KEYS.map((_, i) => after[slots[i]!]!);
    const moved = KEYS.map((_, i) => i).filter((i) => ownerAfter[i] !== ownerBefore[i]);
    // Slots move only to the new master, about a quarter of them.
    expect(moved.every((i) => ownerAfter[i] === added.port)).toBe(true);
    expect(moved.length / KEYS.length).toBeGreaterThan(0.2);
    expect(moved.length / KEYS.length).toBeLessThan(0.3);

    // The ring moves a similar share, also only to the new node...
    const ringMoved = KEYS.filter((key, i) => ring.getNode(key) !== ringBefore[i]);
    expect(ringMoved.every((key) => ring.getNode(key) === String(added.port))).toBe(true);
    expect(ringMoved.length / KEYS.length).toBeGreaterThan(0.15);
    expect(ringMoved.length / KEYS.length).toBeLessThan(0.35);

    // ...but the cluster moved the data with its slots: every key is still there, a hit.
    await client.refreshSlotsCache();
    const values = await Promise.all(KEYS.map((key) => client.get(key)));
    expect(values.filter((v, i) => v === KEYS[i]!.toUpperCase()).length).toBe(KEYS.length);
  }, 120_000);
});

/** Each key's hash slot, as the cluster computes it (CLUSTER KEYSLOT: CRC16 of the key, mod 16384). */
async function slotsOf(cluster: RedisCluster, keys: readonly string[]): Promise<number[]> {
  const node = cluster.servers[0]!;
  const redis = new Redis(node.port, node.host, { maxRetriesPerRequest: 1 });
  try {
    const pipeline = redis.pipeline();
    for (const key of keys) pipeline.call('CLUSTER', 'KEYSLOT', key);
    const results = (await pipeline.exec()) ?? [];
    return results.map(([error, slot]) => {
      if (error) throw error;
      return Number(slot);
    });
  } finally {
    redis.disconnect();
  }
}
