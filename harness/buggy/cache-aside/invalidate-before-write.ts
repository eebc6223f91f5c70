/**
 * Buggy variant: deletes the key from the cache before writing the database, leaving a window in which a read refills the old value.
 * @caughtBy write-order
 */
import { CacheAside as Base } from '../base/cache-aside.js';

export class CacheAside<V> extends Base<V> {
  // The mistake: invalidate first, then write.
  protected override async write(key: string, toDatabase: () => Promise<void>): Promise<void> {
    await this.invalidate(key);
    await toDatabase();
  }
}
