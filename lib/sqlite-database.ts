import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Database, FailedWrite, Write } from '../exercises/workbook.js';
import { attempt, checkKey, checkValue } from './check.js';
import { checkWrite } from './memory-database.js';

/**
 * A {@link Database} in a real SQLite file (better-sqlite3), values stored as JSON. A batch is
 * one transaction: all of it is written, or (on an error) none of it and the call rejects.
 */
export class SqliteDatabase<V> implements Database<V> {
  readonly #db: BetterSqlite3.Database;
  readonly #get: BetterSqlite3.Statement<[string], { value: string }>;
  readonly #set: BetterSqlite3.Statement<[string, string]>;
  readonly #delete: BetterSqlite3.Statement<[string]>;
  readonly #batch: (writes: readonly Write<V>[]) => void;
  readonly #cleanup: (() => void) | undefined;

  /**
   * Opens (creating if needed) the file at `path`. `synchronous` is SQLite's durability setting:
   * `full` waits for the disk on every commit, `normal` (the default, with WAL) at checkpoints.
   */
  constructor(path: string, options: { synchronous?: 'full' | 'normal' } = {}, cleanup?: () => void) {
    if (typeof path !== 'string' || path === '') throw new TypeError('SqliteDatabase: path must be a non-empty string');
    this.#db = new BetterSqlite3(path);
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma(`synchronous = ${options.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
    this.#db.exec('CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID');
    this.#get = this.#db.prepare('SELECT value FROM kv WHERE key = ?');
    this.#set = this.#db.prepare('INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
    this.#delete = this.#db.prepare('DELETE FROM kv WHERE key = ?');
    this.#batch = this.#db.transaction((writes: readonly Write<V>[]) => {
      for (const w of writes) {
        if (w.kind === 'set') this.#set.run(w.key, JSON.stringify(w.value));
        else this.#delete.run(w.key);
      }
    });
    this.#cleanup = cleanup;
  }

  /** A database in a fresh temporary folder, removed again by {@link close}. */
  static temporary<V>(options: { synchronous?: 'full' | 'normal' } = {}): SqliteDatabase<V> {
    const dir = mkdtempSync(join(tmpdir(), 'cachecraft-sqlite-'));
    return new SqliteDatabase<V>(join(dir, 'db.sqlite'), options, () => rmSync(dir, { recursive: true, force: true }));
  }

  /** The row under `key`, or undefined. */
  get(key: string): Promise<V | undefined> {
    return attempt(() => {
      checkKey(key, 'SqliteDatabase.get');
      const row = this.#get.get(key);
      return row === undefined ? undefined : (JSON.parse(row.value) as V);
    });
  }

  /** Stores a row (JSON-encoded). */
  set(key: string, value: V): Promise<void> {
    return attempt(() => {
      checkKey(key, 'SqliteDatabase.set');
      checkValue(value, 'SqliteDatabase.set');
      this.#set.run(key, JSON.stringify(value));
    });
  }

  /** Removes a row. */
  delete(key: string): Promise<void> {
    return attempt(() => {
      checkKey(key, 'SqliteDatabase.delete');
      this.#delete.run(key);
    });
  }

  /** Applies the writes in one transaction: all, or none and the call rejects. */
  writeBatch(writes: readonly Write<V>[]): Promise<readonly FailedWrite<V>[]> {
    return attempt(() => {
      if (!Array.isArray(writes)) throw new TypeError('SqliteDatabase.writeBatch: writes must be an array');
      for (const w of writes) checkWrite(w, 'SqliteDatabase.writeBatch');
      this.#batch(writes);
      return [];
    });
  }

  /** The number of rows. */
  count(): number {
    return (this.#db.prepare('SELECT count(*) AS n FROM kv').get() as { n: number }).n;
  }

  /** Closes the file (and removes it, for a {@link temporary} database). */
  close(): void {
    if (this.#db.open) this.#db.close();
    this.#cleanup?.();
  }
}
