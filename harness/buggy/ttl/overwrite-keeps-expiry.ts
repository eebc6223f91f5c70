/**
 * Buggy variant: set on a stored key only replaces the value and keeps the old expiry time.
 * @caughtBy overwrite-resets
 */
import { TTLCache as Base } from '../base/ttl.js';

export type { TTLOptions } from '../base/ttl.js';

/** The correct TTL cache with the flaw described above. */
export class TTLCache<K, V> extends Base<K, V> {
  override set(key: K, value: V, ttlMs?: number): this {
    const old = this.entries.get(key);
    if (old === undefined) return super.set(key, value, ttlMs);
    this.validateTtl(ttlMs ?? this.defaultTtl);
    // The mistake: an overwrite only replaces the value and keeps the old expiry time.
    old.value = value;
    return this;
  }
}
