/**
 * `npm run demo cluster`: caching across real Redis servers, started on loopback ports for the
 * demo and stopped after it.
 *
 * 1. A client-side ring: the reference ShardedCache over three redis-servers. 10,000 keys; a
 *    fourth server joins (the remapped keys now miss); then one server is killed (its keys miss,
 *    writes to them fail).
 * 2. A real Redis Cluster of three masters: the same keys by hash slot; a fourth master joins and
 *    the slots, with their keys, move to it, so nothing misses.
 */
import { Cluster } from 'ioredis';
import type { CacheStore } from '../../exercises/workbook.js';
import { startRedisCluster } from '../../lib/redis-cluster.js';
import { findRedisServer, startRedis, type RedisServer } from '../../lib/redis-server.js';
import { RedisStore } from '../../lib/redis-store.js';
import { ShardedCache } from '../../solutions/sharded-cache.js';
import { c } from '../cli/term.js';
import { count } from './format.js';

const KEYS = Array.from({ length: 10_000 }, (_, i) => `user:${i}`);

const percent = (part: number, whole: number): string => `${((100 * part) / whole).toFixed(1)}%`;

/** Runs the demo, writing its lines to `out`. */
export async function run(out: (line: string) => void): Promise<void> {
  if (findRedisServer() === undefined) throw new Error('this demo needs redis-server (Debian: apt-get install -y redis-server)');
  out(c.bold('demo cluster: a sharded client over real Redis servers, and a real Redis Cluster'));
  out('');
  await shardedClient(out);
  out('');
  await redisCluster(out);
}

async function shardedClient(out: (line: string) => void): Promise<void> {
  const servers: RedisServer[] = [];
  const stores: RedisStore<string>[] = [];
  try {
    for (let i = 0; i < 4; i++) servers.push(await startRedis());
    for (const server of servers) stores.push(await RedisStore.connect<string>(server.url));
    const name = (i: number): string => `:${servers[i]!.port}`;
    let nodeErrors = 0;
    const nodes: Record<string, CacheStore<string>> = {};
    for (let i = 0; i < 3; i++) nodes[name(i)] = stores[i]!;
    const cache = new ShardedCache<string>({ nodes, onNodeError: () => void nodeErrors++ });

    out(c.bold('1. A client-side ring (ShardedCache, 150 virtual nodes) over three redis-servers'));
    await Promise.all(KEYS.map((key) => cache.set(key, key)));
    const perNode = [0, 1, 2].map((i) => KEYS.filter((key) => cache.nodeFor(key) === name(i)).length);
    out(`  wrote ${count(KEYS.length)} keys: ${perNode.map((n, i) => `${count(n)} on ${name(i)}`).join(', ')}`);

    const remapped = cache.addNode(name(3), stores[3]!);
    const hits = async (): Promise<number> => (await Promise.all(KEYS.map((key) => cache.get(key)))).filter((v, i) => v === KEYS[i]).length;
    const afterAdd = await hits();
    out(`  a fourth server ${name(3)} joins: addNode reports ${(remapped * 100).toFixed(1)}% of the keys remapped`);
    out(`  reading every key: ${count(afterAdd)} hits (${percent(afterAdd, KEYS.length)}); the ${count(KEYS.length - afterAdd)} misses are the remapped keys, until they are written again`);

    const victim = 1;
    const onVictim = KEYS.filter((key) => cache.nodeFor(key) === name(victim));
    await servers[victim]!.kill();
    nodeErrors = 0;
    const afterKill = await hits();
    out(`  ${name(victim)} is killed (SIGKILL): ${count(afterKill)} hits; its ${count(onVictim.length)} keys miss, each a node error reported (${count(nodeErrors)})`);
    const write = await cache.set(onVictim[0]!, 'x').then(
      () => 'succeeded',
      (error: unknown) => `rejected (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`,
    );
    out(`  a write of ${onVictim[0]} (on the dead server) ${write}: the caller is told`);
    out(c.dim('  A ring in the client spreads the keys, but nothing moves data: keys that change node miss, and a dead node is a hole.'));
  } finally {
    await Promise.all(stores.map((s) => s.close()));
    await Promise.all(servers.map((s) => s.stop()));
  }
}

async function redisCluster(out: (line: string) => void): Promise<void> {
  out(c.bold('2. A real Redis Cluster: three masters, 16384 hash slots, slot = CRC16(key) mod 16384'));
  const cluster = await startRedisCluster(3);
  const client = new Cluster(cluster.servers.map((s) => ({ host: s.host, port: s.port })), { redisOptions: { maxRetriesPerRequest: 2 } });
  try {
    await Promise.all(KEYS.map((key) => client.set(key, key)));
    const before = await cluster.slotOwners();
    const perMaster = cluster.servers.map((s) => before.filter((port) => port === s.port).length);
    out(`  slots per master: ${perMaster.map((n, i) => `${count(n)} on :${cluster.servers[i]!.port}`).join(', ')}; wrote ${count(KEYS.length)} keys`);
    const added = await cluster.addMaster();
    const after = await cluster.slotOwners();
    const movedSlots = after.filter((port, slot) => port !== before[slot]).length;
    await client.refreshSlotsCache();
    const values = await Promise.all(KEYS.map((key) => client.get(key)));
    const hits = values.filter((v, i) => v === KEYS[i]).length;
    out(`  a fourth master :${added.port} joins (redis-cli --cluster add-node, then rebalance): ${count(movedSlots)} slots moved (${percent(movedSlots, 16384)}), with their keys`);
    out(`  reading every key: ${count(hits)} hits (${percent(hits, KEYS.length)})`);
    out(c.dim('  The cluster moves the data with the slots, and clients follow MOVED redirections: past one machine, use Redis Cluster.'));
  } finally {
    client.disconnect();
    await cluster.stop();
  }
}
