/**
 * Buggy variant: like the textbook cleanup, purgeExpired walks every stored entry to find the expired ones.
 * @caughtBy purge-cost
 */
import { TTLCache as Base, type ExpiryQueue } from '../base/ttl.js';

export type { TTLOptions } from '../base/ttl.js';

/** The correct TTL cache with the flaw described above. */
export class TTLCache<K, V> extends Base<K, V> {
  /** Like the textbook, no expiry order is kept: only the map. */
  protected override createExpiryQueue(): ExpiryQueue<K, V> {
    return { peek: () => undefined, push: () => {}, remove: () => {} };
  }

  override purgeExpired(): number {
    // The mistake: walks every stored entry to find the expired ones, O(n) however few expired.
    const now = this.now();
    let removed = 0;
    for (const entry of this.entries.values()) {
      if (this.isLive(entry, now)) continue;
      this.remove(entry);
      removed++;
    }
    return removed;
  }
}
