/** FaultyStore and FaultyDatabase: chosen and random failures, partial batches, latency, the call log. */
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../harness/grade/random.js';
import type { Database, FailedWrite, RandomSource, Write } from '../exercises/workbook.js';
import { FaultyDatabase, FaultyStore, InjectedFault, type FaultCall } from './faults.js';
import { ManualTime } from './manual-time.js';
import { MemoryDatabase } from './memory-database.js';
import { MemoryStore } from './memory-store.js';

/** Lets every pending promise callback run. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Records how a promise settles, so a test can look without awaiting it. */
function track<T>(promise: Promise<T>): { done: boolean; value?: T; error?: unknown } {
  const state: { done: boolean; value?: T; error?: unknown } = { done: false };
  promise.then(
    (value) => Object.assign(state, { done: true, value }),
    (error: unknown) => Object.assign(state, { done: true, error }),
  );
  return state;
}


/** The same 100 calls, in order, on a fresh FaultyStore with failRate 0.3: the indices that failed. */
async function failedIndices(random: RandomSource): Promise<number[]> {
  const store = new FaultyStore(new MemoryStore<number>({ clock: new ManualTime(0) }), { failRate: 0.3, random });
  for (let i = 0; i < 100; i++) {
    const key = `k${i % 7}`;
    const call = i % 3 === 0 ? store.set(key, i) : i % 3 === 1 ? store.get(key) : store.delete(key);
    await call.catch(() => {});
  }
  return store.log.filter((c) => c.failed).map((c) => c.index);
}

const call = (method: FaultCall['method'], key: string | undefined, index: number, failed = false, inBatch = false): FaultCall => ({ method, key, inBatch, index, failed });

describe('FaultyStore', () => {
  it('with no options passes every call through and logs it', async () => {
    const inner = new MemoryStore<number>({ clock: new ManualTime(0) });
    const store = new FaultyStore(inner);
    await store.set('a', 1, 50);
    expect(await store.get('a')).toBe(1);
    expect(inner.expiresAt('a')).toBe(50);
    await store.delete('a');
    expect(await store.get('a')).toBeUndefined();
    expect(store.log).toEqual([call('set', 'a', 0), call('get', 'a', 1), call('delete', 'a', 2), call('get', 'a', 3)]);
    expect(store.count()).toBe(4);
    expect(store.count('get')).toBe(2);
    expect(store.count('set')).toBe(1);
    expect(store.count('writeBatch')).toBe(0);
  });

  it('fails the chosen calls with an InjectedFault, without reaching the inner store', async () => {
    const inner = new MemoryStore<number>({ clock: new ManualTime(0) });
    const seen: FaultCall[] = [];
    const store = new FaultyStore(inner, {
      fail: (c) => {
        seen.push({ ...c });
        return c.key === 'b' || c.index === 3;
      },
    });
    await store.set('a', 1);
    const error = await store.set('b', 2).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InjectedFault);
    expect((error as InjectedFault).message).toBe('injected fault: set("b") failed');
    expect((error as InjectedFault).name).toBe('InjectedFault');
    expect((error as InjectedFault).call).toEqual(call('set', 'b', 1, true));
    expect(inner.peek('b')).toBeUndefined();
    expect(await store.get('a')).toBe(1);
    await expect(store.delete('a')).rejects.toThrow('injected fault: delete("a") failed');
    expect(inner.peek('a')).toBe(1);
    // fail() is asked before the verdict, with the call as it stands.
    expect(seen.map((c) => [c.method, c.key, c.index, c.failed])).toEqual([
      ['set', 'a', 0, false],
      ['set', 'b', 1, false],
      ['get', 'a', 2, false],
      ['delete', 'a', 3, false],
    ]);
    expect(store.log.map((c) => c.failed)).toEqual([false, true, false, true]);
  });

  it('fails a call with failRate when random() draws below it', async () => {
    const draws = [0.1, 0.9, 0.49, 0.5, 0];
    const store = new FaultyStore(new MemoryStore<number>({ clock: new ManualTime(0) }), { failRate: 0.5, random: () => draws.shift()! });
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await store.get('a').then(() => 'ok', () => 'failed'));
    expect(results).toEqual(['failed', 'ok', 'failed', 'ok', 'failed']);
    expect(draws).toEqual([]);
  });

  it('replays the same random failures for the same seed', async () => {
    const first = await failedIndices(seededRandom(42));
    const again = await failedIndices(seededRandom(42));
    const other = await failedIndices(seededRandom(7));
    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
    // About 30 of 100, as the rate says.
    expect(first.length).toBeGreaterThan(15);
    expect(first.length).toBeLessThan(45);
  });

  it('never fails with failRate 0 and always fails with failRate 1', async () => {
    const never = new FaultyStore(new MemoryStore<number>(), { failRate: 0, random: seededRandom(1) });
    const always = new FaultyStore(new MemoryStore<number>(), { failRate: 1, random: seededRandom(1) });
    for (let i = 0; i < 20; i++) {
      await never.set(`k${i}`, i);
      await expect(always.set(`k${i}`, i)).rejects.toBeInstanceOf(InjectedFault);
    }
    expect(never.log.filter((c) => c.failed)).toHaveLength(0);
    expect(always.log.filter((c) => c.failed)).toHaveLength(20);
  });

  it('delays every call by latencyMs on the scheduler, then applies it', async () => {
    const time = new ManualTime(1_000);
    const inner = new MemoryStore<number>({ clock: time });
    const store = new FaultyStore(inner, { latencyMs: 10, scheduler: time });
    const set = track(store.set('a', 1));
    await settle();
    expect(set.done).toBe(false);
    expect(time.pending).toBe(1);
    expect(time.nextAt()).toBe(1_010);
    // Nothing is applied, or even logged, before the latency has passed.
    expect(inner.peek('a')).toBeUndefined();
    expect(store.log).toEqual([]);

    time.advance(9);
    await settle();
    expect(set.done).toBe(false);
    time.advance(1);
    await settle();
    expect(set).toEqual({ done: true, value: undefined });
    expect(inner.peek('a')).toBe(1);

    const get = track(store.get('a'));
    time.advance(10);
    await settle();
    expect(get).toEqual({ done: true, value: 1 });
    expect(store.log).toEqual([call('set', 'a', 0), call('get', 'a', 1)]);
  });

  it('applies delayed calls in the order their latency ends', async () => {
    const time = new ManualTime(0);
    const inner = new MemoryStore<number>({ clock: time });
    const store = new FaultyStore(inner, { latencyMs: 5, scheduler: time });
    const first = track(store.set('a', 1));
    time.advance(2);
    const second = track(store.set('a', 2));
    time.advance(3);
    await settle();
    expect(first.done).toBe(true);
    expect(second.done).toBe(false);
    expect(inner.peek('a')).toBe(1);
    time.advance(2);
    await settle();
    expect(second.done).toBe(true);
    expect(inner.peek('a')).toBe(2);
  });

  it('checks its options', () => {
    const inner = new MemoryStore<number>();
    expect(() => new FaultyStore(inner, { fail: true as unknown as () => boolean })).toThrow(TypeError);
    expect(() => new FaultyStore(inner, { failRate: 1.5, random: Math.random })).toThrow(RangeError);
    expect(() => new FaultyStore(inner, { failRate: NaN, random: Math.random })).toThrow(RangeError);
    expect(() => new FaultyStore(inner, { failRate: 0.5 })).toThrow(TypeError);
    expect(() => new FaultyStore(inner, { latencyMs: -1, scheduler: new ManualTime() })).toThrow(RangeError);
    expect(() => new FaultyStore(inner, { latencyMs: Infinity, scheduler: new ManualTime() })).toThrow(RangeError);
    expect(() => new FaultyStore(inner, { latencyMs: 5 })).toThrow(TypeError);
  });
});

describe('FaultyDatabase', () => {
  const writes: Write<number>[] = [
    { kind: 'set', key: 'a', value: 1 },
    { kind: 'set', key: 'b', value: 2 },
    { kind: 'delete', key: 'old' },
    { kind: 'set', key: 'c', value: 3 },
  ];

  it('passes single-key calls through and fails the chosen ones', async () => {
    const inner = new MemoryDatabase<number>();
    const db = new FaultyDatabase(inner, { fail: (c) => c.method === 'delete' });
    await db.set('a', 1);
    expect(await db.get('a')).toBe(1);
    await expect(db.delete('a')).rejects.toThrow('injected fault: delete("a") failed');
    expect(await inner.get('a')).toBe(1);
    expect(db.log).toEqual([call('set', 'a', 0), call('get', 'a', 1), call('delete', 'a', 2, true)]);
  });

  it('fails part of a batch: reports exactly the failed writes and applies the others', async () => {
    const inner = new MemoryDatabase<number>();
    await inner.set('old', 0);
    const db = new FaultyDatabase(inner, { fail: (c) => c.inBatch && (c.key === 'b' || c.key === 'old') });
    const failed = await db.writeBatch(writes);
    expect(failed.map((f) => f.write)).toEqual([writes[1], writes[2]]);
    for (const f of failed) expect(f.error).toBeInstanceOf(InjectedFault);
    expect((failed[0]!.error as InjectedFault).call).toEqual(call('set', 'b', 2, true, true));
    expect((failed[1]!.error as InjectedFault).message).toBe('injected fault: delete("old") failed');
    expect(Object.fromEntries(inner.snapshot())).toEqual({ old: 0, a: 1, c: 3 });
    // The batch is logged, then each of its writes as its own set or delete.
    expect(db.log).toEqual([
      call('writeBatch', undefined, 0),
      call('set', 'a', 1, false, true),
      call('set', 'b', 2, true, true),
      call('delete', 'old', 3, true, true),
      call('set', 'c', 4, false, true),
    ]);
    expect(db.count()).toBe(5);
    expect(db.count('writeBatch')).toBe(1);
    // Writes inside a batch are not counted as set or delete calls.
    expect(db.count('set')).toBe(0);
    expect(db.count('delete')).toBe(0);
  });

  it('rejects a batch of which every write failed, as the Database interface says', async () => {
    const inner = new MemoryDatabase<number>();
    const db = new FaultyDatabase(inner, { fail: (c) => c.inBatch });
    await expect(db.writeBatch(writes)).rejects.toThrow('injected fault: set("a") failed');
    expect(inner.snapshot().size).toBe(0);
  });

  it('applies a batch with no failures in full', async () => {
    const inner = new MemoryDatabase<number>();
    await inner.set('old', 0);
    const db = new FaultyDatabase(inner);
    expect(await db.writeBatch(writes)).toEqual([]);
    expect(Object.fromEntries(inner.snapshot())).toEqual({ a: 1, b: 2, c: 3 });
  });

  it('rejects a failed batch call as a whole, applying and deciding none of its writes', async () => {
    const inner = new MemoryDatabase<number>();
    const db = new FaultyDatabase(inner, { fail: (c) => c.method === 'writeBatch' });
    await expect(db.writeBatch(writes)).rejects.toThrow('injected fault: writeBatch failed');
    expect(inner.snapshot().size).toBe(0);
    expect(db.log).toEqual([call('writeBatch', undefined, 0, true)]);
  });

  it('adds the inner database failures after its own', async () => {
    const innerFailure = new Error('disk full');
    const received: Write<number>[][] = [];
    const inner: Database<number> = {
      get: () => Promise.resolve(undefined),
      set: () => Promise.resolve(),
      delete: () => Promise.resolve(),
      writeBatch: (batch) => {
        received.push([...batch]);
        return Promise.resolve<readonly FailedWrite<number>[]>([{ write: batch[batch.length - 1]!, error: innerFailure }]);
      },
    };
    const db = new FaultyDatabase(inner, { fail: (c) => c.key === 'a' });
    const failed = await db.writeBatch(writes);
    // The inner database is sent only the writes that were not failed.
    expect(received).toEqual([[writes[1], writes[2], writes[3]]]);
    expect(failed.map((f) => f.write)).toEqual([writes[0], writes[3]]);
    expect(failed[1]!.error).toBe(innerFailure);
  });

  it('rejects when the inner database rejects the batch', async () => {
    const inner = new MemoryDatabase<number>();
    const db = new FaultyDatabase(inner, { fail: (c) => c.key === 'a' });
    const bad = [{ kind: 'set', key: 'a', value: 1 }, { kind: 'set', key: 'b', value: undefined }] as unknown as Write<number>[];
    await expect(db.writeBatch(bad)).rejects.toThrow(TypeError);
    expect(inner.snapshot().size).toBe(0);
  });

  it('replays the same failed batch writes for the same seed', async () => {
    const run = async (seed: number) => {
      const db = new FaultyDatabase(new MemoryDatabase<number>(), { failRate: 0.4, random: seededRandom(seed) });
      const failedKeys: string[][] = [];
      for (let round = 0; round < 10; round++) {
        const batch = writes.map((w) => ({ ...w, key: `${w.key}${round}` }));
        const failed = await db.writeBatch(batch).catch(() => null);
        failedKeys.push(failed === null ? ['rejected'] : failed.map((f) => f.write.key));
      }
      return failedKeys;
    };
    expect(await run(3)).toEqual(await run(3));
    expect(await run(3)).not.toEqual(await run(4));
  });

  it('delays a batch once, by latencyMs', async () => {
    const time = new ManualTime(0);
    const inner = new MemoryDatabase<number>();
    const db = new FaultyDatabase(inner, { latencyMs: 20, scheduler: time });
    const batch = track(db.writeBatch(writes));
    await settle();
    expect(time.pending).toBe(1);
    time.advance(19);
    await settle();
    expect(batch.done).toBe(false);
    expect(inner.snapshot().size).toBe(0);
    time.advance(1);
    await settle();
    expect(batch).toEqual({ done: true, value: [] });
    expect(inner.snapshot().size).toBe(3);
    expect(time.pending).toBe(0);
  });
});
