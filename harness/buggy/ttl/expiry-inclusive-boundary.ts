/**
 * Buggy variant: an entry is treated as live while now <= setTime + ttl, so it is still readable at exactly its expiry time.
 * @caughtBy expiry
 */
import { TTLCache as Base, type Entry } from '../base/ttl.js';

export type { TTLOptions } from '../base/ttl.js';

/** The correct TTL cache with the flaw described above. */
export class TTLCache<K, V> extends Base<K, V> {
  protected override isLive(entry: Entry<K, V>, now: number): boolean {
    // The mistake: <= instead of <, so the entry is still live at exactly its expiry time.
    return now <= entry.expiresAt;
  }
}
