/**
 * Buggy variant: size returns the number of stored entries, expired ones included.
 * @caughtBy size-and-delete
 */
import { TTLCache as Base } from '../base/ttl.js';

export type { TTLOptions } from '../base/ttl.js';

/** The correct TTL cache with the flaw described above. */
export class TTLCache<K, V> extends Base<K, V> {
  override get size(): number {
    // The mistake: counts every stored entry without purging the expired ones first.
    return this.entries.size;
  }
}
