import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { startRedis, type RedisServer } from './redis-server.js';

const run = promisify(execFile);

/** The arguments that make a redis-server a cluster node (no persistence, quick failure detection). */
const CLUSTER_ARGS = ['--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf', '--cluster-node-timeout', '2000'] as const;

/** A throwaway Redis Cluster of masters on loopback ports (no replicas), for tests and demos. */
export interface RedisCluster {
  /** Its masters, in the order they were started. */
  readonly servers: readonly RedisServer[];
  /** Starts one more master, joins it to the cluster and moves its share of the slots to it (`redis-cli --cluster rebalance`). */
  addMaster(): Promise<RedisServer>;
  /** Which master (its port) owns each of the 16384 slots right now. */
  slotOwners(): Promise<number[]>;
  /** Stops every server. */
  stop(): Promise<void>;
}

/**
 * Starts `masters` cluster-enabled redis-servers and creates a cluster of them with
 * `redis-cli --cluster create` (16384 hash slots shared out evenly), then waits until every
 * node reports `cluster_state:ok` (bounded).
 */
export async function startRedisCluster(masters = 3): Promise<RedisCluster> {
  const servers: RedisServer[] = [];
  try {
    for (let i = 0; i < masters; i++) servers.push(await startRedis({ args: CLUSTER_ARGS }));
    await run('redis-cli', ['--cluster', 'create', ...servers.map(address), '--cluster-replicas', '0', '--cluster-yes'], { timeout: 30_000 });
    await waitUntilOk(servers);
  } catch (error) {
    await Promise.all(servers.map((s) => s.stop()));
    throw error;
  }
  return {
    servers,
    async addMaster() {
      const added = await startRedis({ args: CLUSTER_ARGS });
      servers.push(added);
      await run('redis-cli', ['--cluster', 'add-node', address(added), address(servers[0]!)], { timeout: 30_000 });
      await waitUntilOk(servers);
      await run('redis-cli', ['--cluster', 'rebalance', address(servers[0]!), '--cluster-use-empty-masters', '--cluster-yes'], { timeout: 120_000, maxBuffer: 64 << 20 });
      await waitUntilOk(servers);
      return added;
    },
    slotOwners: () => slotOwners(servers[0]!),
    stop: async () => void (await Promise.all(servers.map((s) => s.stop()))),
  };
}

function address(server: RedisServer): string {
  return `${server.host}:${server.port}`;
}

/** Polls CLUSTER INFO on every node until each says the cluster is ok and agrees on the node count (at most ~20 s). */
async function waitUntilOk(servers: readonly RedisServer[]): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const states = await Promise.all(servers.map((s) => clusterInfo(s)));
    if (states.every((info) => /cluster_state:ok/.test(info) && new RegExp(`cluster_known_nodes:${servers.length}\\b`).test(info))) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the Redis cluster did not reach cluster_state:ok in time');
}

async function clusterInfo(server: RedisServer): Promise<string> {
  const client = new Redis(server.port, server.host, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await client.connect();
    return String(await client.call('CLUSTER', 'INFO'));
  } finally {
    client.disconnect();
  }
}

/** The port of the master that owns each slot, from CLUSTER SLOTS. */
async function slotOwners(server: RedisServer): Promise<number[]> {
  const client = new Redis(server.port, server.host, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await client.connect();
    const ranges = (await client.call('CLUSTER', 'SLOTS')) as [number, number, [string, number, ...unknown[]], ...unknown[]][];
    const owners = new Array<number>(16384).fill(0);
    for (const [from, to, master] of ranges) owners.fill(master[1], from, to + 1);
    return owners;
  } finally {
    client.disconnect();
  }
}
