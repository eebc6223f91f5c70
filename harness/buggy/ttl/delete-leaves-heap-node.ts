/**
 * Buggy variant: delete removes the key from the map but not from the expiry heap, so a later purgeExpired counts it again and can remove a newer entry for the same key.
 * @caughtBy purge
 */
import { TTLCache as Base } from '../base/ttl.js';

export type { TTLOptions } from '../base/ttl.js';

/** The correct TTL cache with the flaw described above. */
export class TTLCache<K, V> extends Base<K, V> {
  override delete(key: K): boolean {
    const entry = this.entries.get(key);
    if (entry === undefined) return false;
    // The mistake: removes the key from the map only; its heap node stays for purgeExpired to find.
    this.entries.delete(key);
    return this.isLive(entry, this.now());
  }
}
