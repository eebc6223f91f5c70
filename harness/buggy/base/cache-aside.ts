/** A correct cache-aside, with hooks the buggy variants override. */
import type { CacheStore, Database } from '../../../exercises/workbook.js';
import { ReadWriteBase } from './read-write.js';

export interface CacheAsideOptions<V> {
  cache: CacheStore<V>;
  db: Database<V>;
  ttlMs: number;
  onCacheError?: (error: unknown, operation: 'get' | 'set' | 'delete', key: string) => void;
}

export class CacheAside<V> extends ReadWriteBase<V> {
  constructor(options: CacheAsideOptions<V>) {
    super(options, true);
  }

  async update(key: string, value: V): Promise<void> {
    this.checkKey(key);
    this.checkValue(value);
    return this.exclusive(key, () => this.write(key, () => this.db.set(key, value)));
  }

  async delete(key: string): Promise<void> {
    this.checkKey(key);
    return this.exclusive(key, () => this.write(key, () => this.db.delete(key)));
  }

  /** The database write, then the invalidation. */
  protected async write(key: string, toDatabase: () => Promise<void>): Promise<void> {
    await toDatabase();
    await this.invalidate(key);
  }
}
