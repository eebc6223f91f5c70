/**
 * Buggy variant: set validates its ttlMs argument but then computes the expiry from the cache's default ttl.
 * @caughtBy per-entry-ttl
 */
import { TTLCache as Base } from '../base/ttl.js';

export type { TTLOptions } from '../base/ttl.js';

/** The correct TTL cache with the flaw described above. */
export class TTLCache<K, V> extends Base<K, V> {
  protected override expiryFor(_ttlMs: number): number {
    // The mistake: the ttl set was given is validated, then the cache's default is used instead.
    return this.now() + this.defaultTtl;
  }
}
