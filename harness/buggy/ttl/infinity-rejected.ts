/**
 * Buggy variant: ttl validation requires a finite number, so Infinity (never expire) throws a RangeError.
 * @caughtBy ttl-validation
 */
import { TTLCache as Base } from '../base/ttl.js';

export type { TTLOptions } from '../base/ttl.js';

/** The correct TTL cache with the flaw described above. */
export class TTLCache<K, V> extends Base<K, V> {
  protected override validateTtl(ttlMs: number): void {
    // The mistake: requires a finite ttl, so Infinity (never expire) is rejected.
    if (ttlMs === Infinity) throw new RangeError('ttlMs must be a positive finite number of milliseconds, got Infinity');
    super.validateTtl(ttlMs);
  }
}
