/** A correct write-through, with hooks the buggy variants override. */
import type { CacheStore, Database } from '../../../exercises/workbook.js';
import { ReadWriteBase } from './read-write.js';

export interface WriteThroughOptions<V> {
  cache: CacheStore<V>;
  db: Database<V>;
  ttlMs?: number;
  onCacheError?: (error: unknown, operation: 'get' | 'set' | 'delete', key: string) => void;
}

export class WriteThrough<V> extends ReadWriteBase<V> {
  constructor(options: WriteThroughOptions<V>) {
    super(options, false);
  }

  async set(key: string, value: V): Promise<void> {
    this.checkKey(key);
    this.checkValue(value);
    return this.exclusive(key, () => this.writeThrough(key, value));
  }

  async delete(key: string): Promise<void> {
    this.checkKey(key);
    return this.exclusive(key, async () => {
      await this.db.delete(key);
      await this.invalidate(key);
    });
  }

  /** The database first, then the cache; a cache failure falls back to invalidating. */
  protected async writeThrough(key: string, value: V): Promise<void> {
    await this.db.set(key, value);
    try {
      await this.cache.set(key, value, this.ttlMs);
    } catch (error) {
      this.onCacheError(error, 'set', key);
      await this.invalidate(key);
    }
  }
}
