/** MemoryBus: an in-memory EventBus with per-node connections that can be lost, and a hook that decides when each delivery happens. */
import { describe, expect, it } from 'vitest';
import type { BusListener } from '../exercises/workbook.js';
import { failure } from './expect-failure.js';
import { MemoryBus, type BusDelivery } from './memory-bus.js';

/** A listener that writes down what it is told. */
function recorder(log: string[], name: string): BusListener<string> {
  return {
    event: (e) => void log.push(`${name}: ${e}`),
    disconnected: () => void log.push(`${name}: disconnected`),
    reconnected: () => void log.push(`${name}: reconnected`),
  };
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('MemoryBus', () => {
  it('delivers every event to every subscriber, the publisher included, asynchronously and in order', async () => {
    const bus = new MemoryBus<string>();
    const a = bus.connect('a');
    const b = bus.connect('b');
    const log: string[] = [];
    a.subscribe(recorder(log, 'a'));
    b.subscribe(recorder(log, 'b'));
    void a.publish('one');
    void b.publish('two');
    expect(log).toEqual([]); // nothing during publish: the deliveries are microtasks
    await tick();
    expect(log.filter((l) => l.startsWith('a'))).toEqual(['a: one', 'a: two']);
    expect(log.filter((l) => l.startsWith('b'))).toEqual(['b: one', 'b: two']);
  });

  it('is itself an EventBus, on a connection that is never lost', async () => {
    const bus = new MemoryBus<string>();
    const node = bus.connect('node');
    const log: string[] = [];
    node.subscribe(recorder(log, 'node'));
    bus.subscribe(recorder(log, 'bus'));
    await bus.publish('x');
    await tick();
    expect(log.sort()).toEqual(['bus: x', 'node: x']);
    expect(bus.subscriberCount).toBe(2);
  });

  it('stops delivering once unsubscribed, events in flight included', async () => {
    const bus = new MemoryBus<string>();
    const a = bus.connect('a');
    const log: string[] = [];
    const stop = a.subscribe(recorder(log, 'a'));
    expect(a.subscriberCount).toBe(1);
    void a.publish('in flight');
    stop();
    stop(); // a second call does nothing
    await a.publish('after');
    await tick();
    expect(log).toEqual([]);
    expect(a.subscriberCount).toBe(0);
    expect(bus.subscriberCount).toBe(0);
  });

  it('tells the listeners of a lost connection at once, drops what was in flight, and misses what is published meanwhile', async () => {
    const bus = new MemoryBus<string>();
    const a = bus.connect('a');
    const b = bus.connect('b');
    const log: string[] = [];
    a.subscribe(recorder(log, 'a'));
    b.subscribe(recorder(log, 'b'));
    void b.publish('before');
    a.disconnect();
    expect(log).toEqual(['a: disconnected']);
    expect(a.connected).toBe(false);
    a.disconnect(); // already lost: nothing more
    await b.publish('meanwhile');
    await tick();
    a.reconnect();
    a.reconnect();
    await b.publish('after');
    await tick();
    expect(log).toEqual(['a: disconnected', 'b: before', 'b: meanwhile', 'a: reconnected', 'a: after', 'b: after']);
  });

  it('refuses to publish through a lost connection', async () => {
    const bus = new MemoryBus<string>();
    const a = bus.connect('a');
    const log: string[] = [];
    bus.subscribe(recorder(log, 'bus'));
    a.disconnect();
    await expect(a.publish('x')).rejects.toThrow(/disconnected/);
    await tick();
    expect(log).toEqual([]);
  });

  it('hands each delivery to the schedule hook, which decides the order, and delivers each at most once', async () => {
    const held: BusDelivery<string>[] = [];
    const bus = new MemoryBus<string>({ schedule: (d) => void held.push(d) });
    const a = bus.connect('a');
    const b = bus.connect('b');
    const log: string[] = [];
    a.subscribe(recorder(log, 'a'));
    b.subscribe(recorder(log, 'b'));
    await a.publish('one');
    await b.publish('two');
    await tick();
    expect(log).toEqual([]);
    expect(held.map((d) => `${d.from}→${d.to}: ${d.event}`)).toEqual(['a→a: one', 'a→b: one', 'b→a: two', 'b→b: two']);
    // Deliver in reverse: the hook chooses.
    for (const d of [...held].reverse()) expect(d.deliver()).toBe(true);
    expect(log).toEqual(['b: two', 'a: two', 'b: one', 'a: one']);
    expect(held[0]!.deliver()).toBe(false);
    expect(log).toHaveLength(4);
  });

  it('drops a held delivery whose connection was lost after it was published, even once it is back', async () => {
    const held: BusDelivery<string>[] = [];
    const bus = new MemoryBus<string>({ schedule: (d) => void held.push(d) });
    const a = bus.connect('a');
    const log: string[] = [];
    a.subscribe(recorder(log, 'a'));
    await bus.publish('lost');
    a.disconnect();
    a.reconnect();
    expect(held[0]!.deliver()).toBe(false);
    expect(log).toEqual(['a: disconnected', 'a: reconnected']);
  });

  it('lets a listener exception reach whoever delivers', async () => {
    const held: BusDelivery<string>[] = [];
    const bus = new MemoryBus<string>({ schedule: (d) => void held.push(d) });
    bus.subscribe({ event: () => { throw new Error('boom'); }, disconnected: () => {}, reconnected: () => {} });
    await bus.publish('x');
    expect(() => held[0]!.deliver()).toThrow('boom');
    expect(held[0]!.deliver()).toBe(false);
  });

  it('refuses bad arguments', async () => {
    expect(() => new MemoryBus<string>({ schedule: 'soon' as never })).toThrow(TypeError);
    const bus = new MemoryBus<string>();
    bus.connect('a');
    expect(() => bus.connect('a')).toThrow(RangeError);
    expect(() => bus.connect('')).toThrow(TypeError);
    expect(() => bus.subscribe({ event: () => {} } as never)).toThrow(TypeError);
    await failure(async () => bus.subscribe(null as never), TypeError);
  });
});
