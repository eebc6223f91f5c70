/**
 * Buggy variant: purgeExpired removes the right entries but returns how many are left instead of how many it removed.
 * @caughtBy purge
 */
import { TTLCache as Base } from '../base/ttl.js';

export type { TTLOptions } from '../base/ttl.js';

/** The correct TTL cache with the flaw described above. */
export class TTLCache<K, V> extends Base<K, V> {
  override purgeExpired(): number {
    super.purgeExpired();
    // The mistake: returns how many entries are left instead of how many were removed.
    return this.entries.size;
  }
}
