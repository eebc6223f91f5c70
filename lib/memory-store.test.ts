/** MemoryStore: a Map with per-entry expiry on an injected clock, every call resolved at once. */
import { describe, expect, it } from 'vitest';
import { failure } from './expect-failure.js';
import { ManualTime } from './manual-time.js';
import { MemoryStore } from './memory-store.js';

describe('MemoryStore', () => {
  it('stores, reads, overwrites and deletes values', async () => {
    const store = new MemoryStore<string>({ clock: new ManualTime(0) });
    expect(await store.get('a')).toBeUndefined();
    await store.set('a', 'one');
    expect(await store.get('a')).toBe('one');
    await store.set('a', 'two');
    expect(await store.get('a')).toBe('two');
    await store.delete('a');
    expect(await store.get('a')).toBeUndefined();
    // Deleting a key that is not there is not an error.
    await expect(store.delete('never')).resolves.toBeUndefined();
  });

  it('applies a call when it is made, before its promise is awaited', () => {
    const store = new MemoryStore<number>({ clock: new ManualTime(0) });
    void store.set('a', 1);
    expect(store.peek('a')).toBe(1);
    void store.delete('a');
    expect(store.peek('a')).toBeUndefined();
  });

  it('stores falsy values other than undefined', async () => {
    const store = new MemoryStore<unknown>({ clock: new ManualTime(0) });
    for (const [key, value] of [['zero', 0], ['empty', ''], ['false', false], ['null', null]] as const) {
      await store.set(key, value);
      expect(await store.get(key)).toBe(value);
    }
    expect(store.keys()).toEqual(['zero', 'empty', 'false', 'null']);
  });

  it('expires an entry exactly ttlMs after it was set, on the injected clock', async () => {
    const time = new ManualTime(5_000_000_000);
    const store = new MemoryStore<string>({ clock: time });
    await store.set('a', 'x', 10);
    expect(store.expiresAt('a')).toBe(5_000_000_010);
    time.advance(9);
    expect(await store.get('a')).toBe('x');
    time.advance(1);
    expect(await store.get('a')).toBeUndefined();
    expect(store.expiresAt('a')).toBeUndefined();
  });

  it('keeps an entry set without a ttl until it is deleted', async () => {
    const time = new ManualTime(0);
    const store = new MemoryStore<string>({ clock: time });
    await store.set('a', 'x');
    expect(store.expiresAt('a')).toBe(Infinity);
    time.advance(1e12);
    expect(await store.get('a')).toBe('x');
  });

  it('restarts the ttl on an overwrite, and an overwrite without a ttl never expires', async () => {
    const time = new ManualTime(0);
    const store = new MemoryStore<string>({ clock: time });
    await store.set('a', 'x', 10);
    time.advance(8);
    await store.set('a', 'y', 10);
    expect(store.expiresAt('a')).toBe(18);
    time.advance(9);
    expect(await store.get('a')).toBe('y');
    await store.set('a', 'z');
    time.advance(100);
    expect(await store.get('a')).toBe('z');
  });

  it('lists the live keys in insertion order, leaving out expired ones', async () => {
    const time = new ManualTime(0);
    const store = new MemoryStore<number>({ clock: time });
    await store.set('c', 1);
    await store.set('a', 2, 5);
    await store.set('b', 3, 20);
    expect(store.keys()).toEqual(['c', 'a', 'b']);
    time.advance(5);
    expect(store.keys()).toEqual(['c', 'b']);
    time.advance(15);
    expect(store.keys()).toEqual(['c']);
  });

  it('peek reads without counting as a call and honours expiry', async () => {
    const time = new ManualTime(0);
    const store = new MemoryStore<number>({ clock: time });
    await store.set('a', 1, 3);
    expect(store.peek('a')).toBe(1);
    time.advance(3);
    expect(store.peek('a')).toBeUndefined();
  });

  it('uses the wall clock when given none', async () => {
    const store = new MemoryStore<number>();
    const before = Date.now();
    await store.set('a', 1, 60_000);
    const expiresAt = store.expiresAt('a')!;
    expect(expiresAt).toBeGreaterThanOrEqual(before + 60_000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 60_000);
  });

  it('rejects a key that is not a string, an undefined value and a bad ttl, changing nothing', async () => {
    const store = new MemoryStore<number>({ clock: new ManualTime(0) });
    await store.set('a', 1);
    expect((await failure(() => store.get(1 as unknown as string), TypeError)).message).toMatch(/key/);
    expect((await failure(() => store.set(null as unknown as string, 1), TypeError)).message).toMatch(/key/);
    expect((await failure(() => store.delete({} as unknown as string), TypeError)).message).toMatch(/key/);
    expect((await failure(() => store.set('a', undefined as unknown as number), TypeError)).message).toMatch(/value/);
    for (const ttl of [0, -1, NaN, -Infinity]) {
      expect((await failure(() => store.set('a', 2, ttl), RangeError)).message).toMatch(/ttlMs/);
    }
    expect(await store.get('a')).toBe(1);
    expect(store.expiresAt('a')).toBe(Infinity);
  });
});
