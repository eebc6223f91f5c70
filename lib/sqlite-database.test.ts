/** SqliteDatabase: a real SQLite file, values as JSON, a batch as one transaction. */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { failure } from './expect-failure.js';
import type { Write } from '../exercises/workbook.js';
import { SqliteDatabase } from './sqlite-database.js';

/** Everything a test opened or created, closed and removed after it. */
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

/** A fresh temporary database, closed after the test. */
function temporary<V>(): SqliteDatabase<V> {
  const db = SqliteDatabase.temporary<V>();
  cleanups.push(() => db.close());
  return db;
}

/** A fresh folder of our own, removed after the test. */
function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cachecraft-sqlite-test-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('SqliteDatabase', () => {
  it('stores, reads, overwrites and deletes rows', async () => {
    const db = temporary<number>();
    expect(await db.get('a')).toBeUndefined();
    await db.set('a', 1);
    await db.set('a', 2);
    await db.set('b', 3);
    expect(await db.get('a')).toBe(2);
    expect(db.count()).toBe(2);
    await db.delete('a');
    await db.delete('never');
    expect(await db.get('a')).toBeUndefined();
    expect(db.count()).toBe(1);
  });

  it('round-trips values as JSON', async () => {
    const db = temporary<unknown>();
    const values: [string, unknown][] = [
      ['number', 1.5],
      ['zero', 0],
      ['string', 'hé "quoted" \n'],
      ['false', false],
      ['null', null],
      ['array', [1, 'two', null, [true]]],
      ['object', { a: { b: [1, 2] }, c: 'x' }],
    ];
    for (const [key, value] of values) await db.set(key, value);
    for (const [key, value] of values) expect(await db.get(key)).toEqual(value);
    // What JSON cannot represent comes back as JSON makes it.
    await db.set('date', new Date(0));
    expect(await db.get('date')).toBe('1970-01-01T00:00:00.000Z');
    await db.set('holes', { kept: 1, dropped: undefined, list: [undefined, NaN] });
    expect(await db.get('holes')).toStrictEqual({ kept: 1, list: [null, null] });
    // A value read is a copy, not the object stored.
    const stored = { n: 1 };
    await db.set('copy', stored);
    stored.n = 2;
    expect(await db.get('copy')).toEqual({ n: 1 });
  });

  it('applies a batch in order, in one transaction', async () => {
    const db = temporary<number>();
    await db.set('gone', 9);
    const writes: Write<number>[] = [
      { kind: 'set', key: 'a', value: 1 },
      { kind: 'delete', key: 'a' },
      { kind: 'set', key: 'a', value: 2 },
      { kind: 'delete', key: 'gone' },
      { kind: 'set', key: 'b', value: 3 },
    ];
    expect(await db.writeBatch(writes)).toEqual([]);
    expect(await db.get('a')).toBe(2);
    expect(await db.get('b')).toBe(3);
    expect(await db.get('gone')).toBeUndefined();
    expect(db.count()).toBe(2);
    expect(await db.writeBatch([])).toEqual([]);
  });

  it('rolls a whole batch back and rejects when a write in it fails in JSON', async () => {
    const db = temporary<unknown>();
    await db.set('kept', 'old');
    const writes: Write<unknown>[] = [
      { kind: 'set', key: 'a', value: 1 },
      { kind: 'delete', key: 'kept' },
      { kind: 'set', key: 'kept', value: 'new' },
      // JSON.stringify throws on a BigInt, after the writes before it ran.
      { kind: 'set', key: 'big', value: 10n },
    ];
    expect((await failure(() => db.writeBatch(writes), TypeError)).message).toMatch(/BigInt/);
    expect(await db.get('a')).toBeUndefined();
    expect(await db.get('kept')).toBe('old');
    expect(await db.get('big')).toBeUndefined();
    expect(db.count()).toBe(1);
  });

  it('rolls a whole batch back and rejects when SQLite itself refuses a write', async () => {
    const db = temporary<unknown>();
    await db.set('kept', 'old');
    const writes: Write<unknown>[] = [
      { kind: 'set', key: 'kept', value: 'new' },
      { kind: 'set', key: 'b', value: 2 },
      // JSON.stringify of a function is undefined, which the NOT NULL column refuses.
      { kind: 'set', key: 'fn', value: () => 1 },
    ];
    const error = await failure(() => db.writeBatch(writes), Error);
    expect(error.message).toMatch(/NOT NULL/);
    expect(await db.get('kept')).toBe('old');
    expect(await db.get('b')).toBeUndefined();
    expect(db.count()).toBe(1);
    // The transaction is over: the next batch works.
    expect(await db.writeBatch([{ kind: 'set', key: 'b', value: 2 }])).toEqual([]);
    expect(await db.get('b')).toBe(2);
  });

  it('rejects a batch with a malformed write before applying any of it', async () => {
    const db = temporary<number>();
    const bad = [{ kind: 'set', key: 'a', value: 1 }, { kind: 'set', key: 2, value: 2 }] as unknown as Write<number>[];
    expect((await failure(() => db.writeBatch(bad), TypeError)).message).toMatch(/key/);
    await failure(() => db.writeBatch('nope' as unknown as Write<number>[]), TypeError);
    expect(db.count()).toBe(0);
  });

  it('rejects, and does not throw, a bad key or value', async () => {
    const db = temporary<number>();
    await expect(db.get(1 as unknown as string)).rejects.toThrow(TypeError);
    await expect(db.set('a', undefined as unknown as number)).rejects.toThrow(/value/);
    await expect(db.delete(null as unknown as string)).rejects.toThrow(/key/);
    expect(db.count()).toBe(0);
  });

  it('rejects every call once closed', async () => {
    const db = temporary<number>();
    await db.set('a', 1);
    db.close();
    await expect(db.get('a')).rejects.toThrow(/not open/);
    await expect(db.set('a', 2)).rejects.toThrow(/not open/);
    await expect(db.writeBatch([{ kind: 'set', key: 'a', value: 2 }])).rejects.toThrow(/not open/);
    // Closing again is harmless.
    expect(() => db.close()).not.toThrow();
  });

  it('keeps its data when reopened at the same path', async () => {
    const path = join(folder(), 'kept.sqlite');
    const first = new SqliteDatabase<{ n: number }>(path, { synchronous: 'full' });
    await first.set('a', { n: 1 });
    await first.writeBatch([
      { kind: 'set', key: 'b', value: { n: 2 } },
      { kind: 'set', key: 'c', value: { n: 3 } },
      { kind: 'delete', key: 'c' },
    ]);
    first.close();
    // A database that is not temporary leaves its file behind when closed.
    expect(existsSync(path)).toBe(true);

    const second = new SqliteDatabase<{ n: number }>(path);
    cleanups.push(() => second.close());
    expect(await second.get('a')).toEqual({ n: 1 });
    expect(await second.get('b')).toEqual({ n: 2 });
    expect(await second.get('c')).toBeUndefined();
    expect(second.count()).toBe(2);
  });

  it('creates a temporary database in a fresh folder and removes the folder on close', async () => {
    // os.tmpdir() follows TMPDIR: point it at a folder of our own, so only this test's files are in it.
    const parent = folder();
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = parent;
    let db: SqliteDatabase<number>;
    try {
      db = SqliteDatabase.temporary<number>();
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    }
    cleanups.push(() => db.close());
    const created = readdirSync(parent);
    expect(created).toHaveLength(1);
    expect(created[0]).toMatch(/^cachecraft-sqlite-/);
    const dir = join(parent, created[0]!);
    expect(readdirSync(dir)).toContain('db.sqlite');
    await db.set('a', 1);
    expect(await db.get('a')).toBe(1);

    db.close();
    expect(existsSync(dir)).toBe(false);
    expect(readdirSync(parent)).toEqual([]);
  });

  it('gives two temporary databases separate files', async () => {
    const one = temporary<number>();
    const two = temporary<number>();
    await one.set('a', 1);
    expect(await two.get('a')).toBeUndefined();
  });

  it('refuses an empty path', () => {
    expect(() => new SqliteDatabase('')).toThrow(TypeError);
  });
});
