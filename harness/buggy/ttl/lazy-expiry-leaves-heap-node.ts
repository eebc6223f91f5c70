/**
 * Buggy variant: get and has drop an expired entry from the map but leave its node in the expiry heap, so after the key is set again a later purge removes the new, live entry.
 * @caughtBy model
 */
import { TTLCache as Base, type Entry } from '../base/ttl.js';

export type { TTLOptions } from '../base/ttl.js';

/** The correct TTL cache with the flaw described above. */
export class TTLCache<K, V> extends Base<K, V> {
  protected override dropExpired(entry: Entry<K, V>): void {
    // The mistake: deletes the key from the map but leaves its node in the expiry heap.
    this.entries.delete(entry.key);
  }
}
