/**
 * Buggy variant: get renews the entry (expiry = now + its ttl) on every hit, a sliding expiry the contract forbids.
 * @caughtBy no-extension-on-read
 */
import { TTLCache as Base, type Entry } from '../base/ttl.js';

export type { TTLOptions } from '../base/ttl.js';

/** The correct TTL cache with the flaw described above. */
export class TTLCache<K, V> extends Base<K, V> {
  protected override onRead(entry: Entry<K, V>): void {
    // The mistake: "keep entries that are being read warm": every hit renews the entry's life.
    this.expiries.remove(entry);
    entry.expiresAt = this.expiryFor(entry.ttlMs);
    this.expiries.push(entry);
  }
}
