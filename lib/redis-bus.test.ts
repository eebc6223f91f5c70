/** RedisBus against real redis-servers started on free loopback ports, killed and restarted. */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BusListener } from '../exercises/workbook.js';
import { RedisBus } from './redis-bus.js';
import { findRedisServer, startRedis, type RedisServer } from './redis-server.js';
import { needBinary } from './system-binary.js';

const available = needBinary('redis-server', findRedisServer(), 'Debian: apt-get install -y redis-server');

type Event = { kind: string; n: number };

/** A listener that writes down what it is told. */
function recorder(): BusListener<Event> & { log: string[] } {
  const log: string[] = [];
  return {
    log,
    event: (e) => void log.push(`${e.kind} ${e.n}`),
    disconnected: () => void log.push('disconnected'),
    reconnected: () => void log.push('reconnected'),
  };
}

/** Waits until `condition` holds, checking every 10 ms; fails after `timeoutMs`. */
async function until(what: string, condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Whether something accepts connections on the loopback port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe.runIf(available)('RedisBus on a real redis-server', () => {
  let server: RedisServer;
  const started: RedisServer[] = [];
  const buses: RedisBus<Event>[] = [];
  const open = async (url: string, options: Parameters<typeof RedisBus.connect>[1] = {}): Promise<RedisBus<Event>> => {
    const bus = await RedisBus.connect<Event>(url, { maxRetryDelayMs: 50, ...options });
    buses.push(bus);
    return bus;
  };

  beforeAll(async () => {
    server = await startRedis();
    started.push(server);
  });

  afterAll(async () => {
    await Promise.all(buses.map((b) => b.close()));
    await Promise.all(started.map((s) => s.stop()));
    for (const s of started) expect(await listening(s.port)).toBe(false);
  });

  it('delivers each event, as JSON, to every subscriber of every node (the publisher included)', async () => {
    const a = await open(server.url, { channel: 'deliver' });
    const b = await open(server.url, { channel: 'deliver' });
    const la = recorder();
    const lb = recorder();
    a.subscribe(la);
    const stop = b.subscribe(lb);
    await a.publish({ kind: 'key', n: 1 });
    await b.publish({ kind: 'tag', n: 2 });
    await until('both heard both', () => la.log.length === 2 && lb.log.length === 2);
    expect(la.log).toEqual(['key 1', 'tag 2']);
    expect(lb.log).toEqual(['key 1', 'tag 2']);
    stop();
    await a.publish({ kind: 'key', n: 3 });
    await until('a heard the third', () => la.log.length === 3);
    expect(lb.log).toHaveLength(2);
  });

  it('keeps channels apart', async () => {
    const a = await open(server.url, { channel: 'one' });
    const b = await open(server.url, { channel: 'two' });
    const lb = recorder();
    b.subscribe(lb);
    await a.publish({ kind: 'key', n: 1 });
    await b.publish({ kind: 'key', n: 2 });
    await until('b heard its own', () => lb.log.length > 0);
    expect(lb.log).toEqual(['key 2']);
  });

  it('reports a message that is not JSON, and a listener that throws, to onError; the others still hear', async () => {
    const errors: unknown[] = [];
    const bus = await open(server.url, { channel: 'errors', onError: (e) => void errors.push(e) });
    const good = recorder();
    bus.subscribe({ event: () => { throw new Error('listener failed'); }, disconnected: () => {}, reconnected: () => {} });
    bus.subscribe(good);
    await bus.publisher.publish('errors', '{not json');
    await bus.publish({ kind: 'key', n: 1 });
    await until('the good listener heard', () => good.log.length === 1);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toBeInstanceOf(SyntaxError);
    expect((errors[1] as Error).message).toBe('listener failed');
  });

  it('refuses what it cannot send or deliver', async () => {
    const bus = await open(server.url, { channel: 'refuse' });
    await expect(bus.publish(undefined as never)).rejects.toThrow(TypeError);
    expect(() => bus.subscribe({ event: () => {} } as never)).toThrow(TypeError);
    await expect(RedisBus.connect(server.url, { channel: '' })).rejects.toThrow(TypeError);
  });

  it('tells every node disconnected() when the server dies, fails publishes at once, and reconnected() when it is back', async () => {
    const doomed = await startRedis();
    started.push(doomed);
    const a = await open(doomed.url, { channel: 'crash' });
    const b = await open(doomed.url, { channel: 'crash' });
    const la = recorder();
    const lb = recorder();
    a.subscribe(la);
    b.subscribe(lb);
    await a.publish({ kind: 'key', n: 1 });
    await until('both heard the first', () => la.log.length === 1 && lb.log.length === 1);

    await doomed.kill();
    await until('both were told', () => la.log.includes('disconnected') && lb.log.includes('disconnected'));
    expect(a.connected).toBe(false);
    const started_ = Date.now();
    await expect(a.publish({ kind: 'key', n: 2 })).rejects.toThrow();
    expect(Date.now() - started_).toBeLessThan(1000); // fails fast, never hangs
    // A listener that subscribes while the connection is down is told so.
    const late = recorder();
    b.subscribe(late);
    await until('the late listener was told', () => late.log.includes('disconnected'));

    // The same port again, as a restarted server would have (a later --port wins; `back.port`
    // still names the free port startRedis chose, which the server does not use).
    const back = await startRedis({ args: ['--port', String(doomed.port)] });
    started.push(back);
    expect(await listening(doomed.port)).toBe(true);
    await until('both were told it is back', () => la.log.includes('reconnected') && lb.log.includes('reconnected'), 15_000);
    await until('the publisher is back too', () => a.publisher.status === 'ready');
    await a.publish({ kind: 'key', n: 3 });
    await until('both heard the third', () => la.log.includes('key 3') && lb.log.includes('key 3'));
    expect(la.log).toEqual(['key 1', 'disconnected', 'reconnected', 'key 3']);
    expect(lb.log).toEqual(['key 1', 'disconnected', 'reconnected', 'key 3']);
    await back.stop();
    expect(await listening(doomed.port)).toBe(false);
  });

  it('closes without hanging while the server is gone, and then tells its listeners nothing', async () => {
    const doomed = await startRedis();
    started.push(doomed);
    const bus = await open(doomed.url, { channel: 'gone' });
    const l = recorder();
    bus.subscribe(l);
    await doomed.kill();
    await until('told', () => l.log.includes('disconnected'));
    const t = Date.now();
    await bus.close();
    await bus.close();
    expect(Date.now() - t).toBeLessThan(1000);
    await expect(bus.publish({ kind: 'key', n: 1 })).rejects.toThrow(/closed/);
    expect(l.log).toEqual(['disconnected']);
  });
});
