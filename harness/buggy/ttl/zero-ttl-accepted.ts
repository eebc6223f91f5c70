/**
 * Buggy variant: ttl validation only rejects negative numbers, so 0 and NaN are accepted.
 * @caughtBy ttl-validation
 */
import { TTLCache as Base } from '../base/ttl.js';

export type { TTLOptions } from '../base/ttl.js';

/** The correct TTL cache with the flaw described above. */
export class TTLCache<K, V> extends Base<K, V> {
  protected override validateTtl(ttlMs: number): void {
    // The mistake: only negative numbers are rejected, so 0 and NaN get through.
    if (typeof ttlMs !== 'number' || ttlMs < 0) throw new RangeError(`ttlMs must not be negative, got ${String(ttlMs)}`);
  }
}
