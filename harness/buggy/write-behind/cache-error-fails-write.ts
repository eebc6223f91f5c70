/**
 * Buggy variant: a failing cache.set or cache.delete rejects the write, though the queue has it.
 * @caughtBy cache-faults
 */
import type { Write } from '../../../exercises/workbook.js';
import { WriteBehind as Base } from '../base/write-behind.js';

export type { WriteBehindOptions } from '../base/write-behind.js';

export class WriteBehind<V> extends Base<V> {
  protected override writeCache(write: Write<V>): Promise<void> {
    // The mistake: no try/catch: the cache error becomes the caller's.
    return write.kind === 'set' ? this.cache.set(write.key, write.value) : this.cache.delete(write.key);
  }
}
