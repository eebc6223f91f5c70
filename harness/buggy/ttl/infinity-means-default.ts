/**
 * Buggy variant: set treats a non-finite per-entry ttl as 'not given', so set(key, value, Infinity) gets the default ttl and expires.
 * @caughtBy per-entry-ttl
 */
import { TTLCache as Base } from '../base/ttl.js';

export type { TTLOptions } from '../base/ttl.js';

/** The correct TTL cache with the flaw described above. */
export class TTLCache<K, V> extends Base<K, V> {
  protected override expiryFor(ttlMs: number): number {
    // The mistake: a non-finite ttl is taken for "not given", so Infinity gets the default ttl.
    return super.expiryFor(Number.isFinite(ttlMs) ? ttlMs : this.defaultTtl);
  }
}
