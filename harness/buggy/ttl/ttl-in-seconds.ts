/**
 * Buggy variant: like the textbook, the ttl is multiplied by 1000 as if it were in seconds, so entries live 1000 times too long.
 * @caughtBy expiry
 */
import { TTLCache as Base } from '../base/ttl.js';

export type { TTLOptions } from '../base/ttl.js';

/** The correct TTL cache with the flaw described above. */
export class TTLCache<K, V> extends Base<K, V> {
  protected override expiryFor(ttlMs: number): number {
    // The mistake: multiplies by 1000 as if the ttl were in seconds.
    return super.expiryFor(ttlMs * 1000);
  }
}
