import type { Database, FailedWrite, Write } from '../exercises/workbook.js';
import { attempt, checkKey, checkValue } from './check.js';

/** A database held in a Map: the grader's system of record, and a quick stand-in for SQLite. */
export class MemoryDatabase<V> implements Database<V> {
  readonly #rows = new Map<string, V>();

  /** The row under `key`, or undefined. */
  get(key: string): Promise<V | undefined> {
    return attempt(() => {
      checkKey(key, 'MemoryDatabase.get');
      return this.#rows.get(key);
    });
  }

  /** Stores a row. */
  set(key: string, value: V): Promise<void> {
    return attempt(() => {
      checkKey(key, 'MemoryDatabase.set');
      checkValue(value, 'MemoryDatabase.set');
      this.#rows.set(key, value);
    });
  }

  /** Removes a row. */
  delete(key: string): Promise<void> {
    return attempt(() => {
      checkKey(key, 'MemoryDatabase.delete');
      this.#rows.delete(key);
    });
  }

  /** Applies every write, in order; none fails. */
  writeBatch(writes: readonly Write<V>[]): Promise<readonly FailedWrite<V>[]> {
    return attempt(() => {
      if (!Array.isArray(writes)) throw new TypeError('MemoryDatabase.writeBatch: writes must be an array');
      for (const w of writes) checkWrite(w, 'MemoryDatabase.writeBatch');
      for (const w of writes) {
        if (w.kind === 'set') this.#rows.set(w.key, w.value);
        else this.#rows.delete(w.key);
      }
      return [];
    });
  }

  /** The rows, synchronously, for tests and demos. */
  snapshot(): ReadonlyMap<string, V> {
    return new Map(this.#rows);
  }
}

/** Throws a TypeError unless `w` is a well-formed {@link Write}. */
export function checkWrite(w: unknown, where: string): asserts w is Write<unknown> {
  const write = w as Partial<Write<unknown>> | null;
  if (typeof write !== 'object' || write === null || (write.kind !== 'set' && write.kind !== 'delete')) {
    throw new TypeError(`${where}: each write must be { kind: "set", key, value } or { kind: "delete", key }`);
  }
  checkKey(write.key, where);
  if (write.kind === 'set') checkValue(write.value, where);
}
