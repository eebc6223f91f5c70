/** MemoryDatabase: the grader's system of record, a Map behind the Database interface. */
import { describe, expect, it } from 'vitest';
import { failure } from './expect-failure.js';
import type { Write } from '../exercises/workbook.js';
import { MemoryDatabase } from './memory-database.js';

describe('MemoryDatabase', () => {
  it('stores, reads, overwrites and deletes rows', async () => {
    const db = new MemoryDatabase<number>();
    expect(await db.get('a')).toBeUndefined();
    await db.set('a', 1);
    await db.set('a', 2);
    await db.set('b', 0);
    expect(await db.get('a')).toBe(2);
    expect(await db.get('b')).toBe(0);
    await db.delete('a');
    await db.delete('never');
    expect([...db.snapshot()]).toEqual([['b', 0]]);
  });

  it('applies a batch in order and resolves with no failed writes', async () => {
    const db = new MemoryDatabase<number>();
    await db.set('gone', 9);
    const writes: Write<number>[] = [
      { kind: 'set', key: 'a', value: 1 },
      { kind: 'set', key: 'b', value: 2 },
      { kind: 'delete', key: 'a' },
      { kind: 'delete', key: 'gone' },
      { kind: 'set', key: 'a', value: 3 },
    ];
    expect(await db.writeBatch(writes)).toEqual([]);
    expect(Object.fromEntries(db.snapshot())).toEqual({ a: 3, b: 2 });
  });

  it('applies nothing from a batch with a malformed write', async () => {
    const db = new MemoryDatabase<number>();
    const bad = [
      { kind: 'set', key: 'a', value: 1 },
      { kind: 'set', key: 'b', value: undefined },
    ] as unknown as Write<number>[];
    expect((await failure(() => db.writeBatch(bad), TypeError)).message).toMatch(/value/);
    const badKey = [{ kind: 'set', key: 'a', value: 1 }, { kind: 'delete', key: 7 }] as unknown as Write<number>[];
    expect((await failure(() => db.writeBatch(badKey), TypeError)).message).toMatch(/key/);
    const badKind = [{ kind: 'set', key: 'a', value: 1 }, { kind: 'upsert', key: 'b' }] as unknown as Write<number>[];
    await failure(() => db.writeBatch(badKind), TypeError);
    expect(db.snapshot().size).toBe(0);
  });

  it('rejects a key that is not a string and an undefined value', async () => {
    const db = new MemoryDatabase<number>();
    expect((await failure(() => db.get(1 as unknown as string), TypeError)).message).toMatch(/key/);
    expect((await failure(() => db.delete(undefined as unknown as string), TypeError)).message).toMatch(/key/);
    expect((await failure(() => db.set('a', undefined as unknown as number), TypeError)).message).toMatch(/value/);
    expect(db.snapshot().size).toBe(0);
  });

  it('returns a snapshot that later writes do not change', async () => {
    const db = new MemoryDatabase<number>();
    await db.set('a', 1);
    const before = db.snapshot();
    await db.set('a', 2);
    expect(before.get('a')).toBe(1);
    expect(db.snapshot().get('a')).toBe(2);
  });
});
