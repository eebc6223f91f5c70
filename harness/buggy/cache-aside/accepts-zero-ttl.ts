/**
 * Buggy variant: accepts ttlMs 0 (and NaN), which the store would reject on every fill.
 * @caughtBy validation
 */
import type { CacheAsideOptions } from '../base/cache-aside.js';
import { CacheAside as Base } from '../base/cache-aside.js';

export class CacheAside<V> extends Base<V> {
  // The mistake: a ttl that is not positive slips through as "no ttl".
  constructor(options: CacheAsideOptions<V>) {
    super({ ...options, ttlMs: options?.ttlMs > 0 ? options.ttlMs : 60_000 });
  }
}
