/**
 * Buggy variant: set removes the old entry before validating ttlMs, so a set that throws RangeError has already deleted the key.
 * @caughtBy ttl-validation
 */
import { TTLCache as Base } from '../base/ttl.js';

export type { TTLOptions } from '../base/ttl.js';

/** The correct TTL cache with the flaw described above. */
export class TTLCache<K, V> extends Base<K, V> {
  override set(key: K, value: V, ttlMs?: number): this {
    const old = this.entries.get(key);
    // The mistake: drops the old entry before set validates ttlMs, so a rejected set has already lost it.
    if (old !== undefined) this.remove(old);
    return super.set(key, value, ttlMs);
  }
}
