/**
 * The invalidation reference solution on two nodes over a real Redis pub/sub bus: an invalidation
 * published by one node reaches the other, and when the server dies both nodes stop trusting
 * their caches until it is back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisBus } from '../../lib/redis-bus.js';
import { findRedisServer, startRedis, type RedisServer } from '../../lib/redis-server.js';
import { needBinary } from '../../lib/system-binary.js';
import { InvalidatingCache, type InvalidationEvent } from '../../solutions/invalidation.js';

const available = needBinary('redis-server', findRedisServer(), 'Debian: apt-get install -y redis-server');

/** A system of record with versions, counting the loads of each node. */
class Database {
  readonly rows = new Map<string, { value: string; version: number }>();
  readonly loads = new Map<string, number>();

  write(key: string): number {
    const version = (this.rows.get(key)?.version ?? 0) + 1;
    this.rows.set(key, { value: `${key}@${version}`, version });
    return version;
  }

  loader(node: string): (key: string) => Promise<{ value: string; version: number }> {
    return async (key) => {
      this.loads.set(node, (this.loads.get(node) ?? 0) + 1);
      const row = this.rows.get(key);
      if (row === undefined) throw new Error(`no row ${key}`);
      return { ...row };
    };
  }

  loadsOf(node: string): number {
    return this.loads.get(node) ?? 0;
  }
}

/** Retries `attempt` every 10 ms until it returns true; fails after `timeoutMs`. */
async function until(what: string, attempt: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await attempt())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe.runIf(available)('invalidation over Redis pub/sub', () => {
  let server: RedisServer;
  let restarted: RedisServer | undefined;
  const buses: RedisBus<InvalidationEvent>[] = [];
  const nodes: InvalidatingCache<string>[] = [];
  const db = new Database();

  beforeAll(async () => {
    server = await startRedis();
    for (const name of ['A', 'B']) {
      const bus = await RedisBus.connect<InvalidationEvent>(server.url, { channel: 'cachecraft:invalidation', maxRetryDelayMs: 50 });
      buses.push(bus);
      nodes.push(new InvalidatingCache<string>({ bus, load: db.loader(name), tagsOf: (key) => [`table:${key[0]}`] }));
    }
  });

  afterAll(async () => {
    for (const node of nodes) node.close();
    await Promise.all(buses.map((b) => b.close()));
    await server?.stop();
    await restarted?.stop();
  });

  it('an invalidation published by one node makes the other drop its value once it is delivered', async () => {
    const [a, b] = nodes as [InvalidatingCache<string>, InvalidatingCache<string>];
    db.write('user:1');
    expect(await a.get('user:1')).toBe('user:1@1');
    expect(await b.get('user:1')).toBe('user:1@1');
    const loads = db.loadsOf('B');
    expect(await b.get('user:1')).toBe('user:1@1'); // a hit
    expect(db.loadsOf('B')).toBe(loads);

    const version = db.write('user:1');
    await a.invalidate('user:1', version);
    expect(await a.get('user:1')).toBe('user:1@2'); // the publisher dropped its own at once
    await until('B has the new value', async () => (await b.get('user:1')) === 'user:1@2');
    expect(await b.get('user:1')).toBe('user:1@2'); // and caches it
  });

  it('a tag invalidation drops the tagged values on every node', async () => {
    const [a, b] = nodes as [InvalidatingCache<string>, InvalidatingCache<string>];
    db.write('u:2');
    expect(await b.get('u:2')).toBe('u:2@1');
    db.write('u:2');
    await a.invalidateTag('table:u');
    await until('B reloaded the tagged value', async () => (await b.get('u:2')) === 'u:2@2');
  });

  it('when the server dies both nodes drop their caches and load every time; once it is back, invalidations flow again', async () => {
    const [a, b] = nodes as [InvalidatingCache<string>, InvalidatingCache<string>];
    db.write('k');
    await a.get('k');
    await b.get('k');
    const port = server.port;
    await server.kill();
    // A node that was told disconnected() loads on every get.
    const loadsEveryTime = async (node: InvalidatingCache<string>, name: string): Promise<boolean> => {
      const before = db.loadsOf(name);
      await node.get('k');
      return db.loadsOf(name) === before + 1;
    };
    await until('A stopped trusting its cache', () => loadsEveryTime(a, 'A'));
    await until('B stopped trusting its cache', () => loadsEveryTime(b, 'B'));
    expect(buses.every((bus) => !bus.connected)).toBe(true);
    expect(await loadsEveryTime(a, 'A')).toBe(true); // and it caches nothing meanwhile
    await expect(a.invalidate('k')).rejects.toThrow(); // the bus refuses: the caller is told

    // The same port again, as a restarted server would have (a later --port wins).
    restarted = await startRedis({ args: ['--port', String(port)] });
    await until('both buses are back', () => buses.every((bus) => bus.connected && bus.publisher.status === 'ready'), 15_000);
    await b.get('k'); // cached again (loaded after reconnecting)
    await until('B caches again', async () => !(await loadsEveryTime(b, 'B')));
    const version = db.write('k');
    await a.invalidate('k', version);
    await until('B has the new value', async () => (await b.get('k')) === `k@${version}`);
  });
});
