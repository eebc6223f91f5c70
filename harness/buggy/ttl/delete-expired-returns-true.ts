/**
 * Buggy variant: delete returns true whenever the key was stored, even if its entry had already expired.
 * @caughtBy size-and-delete
 */
import { TTLCache as Base } from '../base/ttl.js';

export type { TTLOptions } from '../base/ttl.js';

/** The correct TTL cache with the flaw described above. */
export class TTLCache<K, V> extends Base<K, V> {
  override delete(key: K): boolean {
    const stored = this.entries.has(key);
    super.delete(key);
    // The mistake: reports whether the key was stored, not whether its entry was still live.
    return stored;
  }
}
