/**
 * Buggy variant: like the textbook's `new Date()`, every time check reads Date.now() and the clock option is ignored.
 * @caughtBy expiry
 */
import { TTLCache as Base } from '../base/ttl.js';

export type { TTLOptions } from '../base/ttl.js';

/** The correct TTL cache with the flaw described above. */
export class TTLCache<K, V> extends Base<K, V> {
  protected override now(): number {
    // The mistake: like the textbook's `new Date()`, reads the wall clock and ignores the clock option.
    return Date.now();
  }
}
