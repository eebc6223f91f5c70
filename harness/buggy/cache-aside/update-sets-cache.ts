/**
 * Buggy variant: updates the cached value instead of deleting it, without serialising writes, so two concurrent updates can leave the cache holding the older value.
 * @caughtBy race
 */
import { CacheAside as Base } from '../base/cache-aside.js';

export class CacheAside<V> extends Base<V> {
  // The mistake: "refresh the cache on write" races with other writers and with fills.
  override async update(key: string, value: V): Promise<void> {
    this.checkKey(key);
    this.checkValue(value);
    await this.db.set(key, value);
    await this.cache.set(key, value, this.ttlMs);
  }

  protected override exclusive<T>(_key: string, task: () => Promise<T>): Promise<T> {
    return task();
  }
}
