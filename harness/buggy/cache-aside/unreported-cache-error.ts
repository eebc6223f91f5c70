/**
 * Buggy variant: survives a failing cache.set on a fill but never reports it.
 * @caughtBy cache-faults
 */
import { CacheAside as Base } from '../base/cache-aside.js';

export class CacheAside<V> extends Base<V> {
  // The mistake: the error is swallowed silently.
  protected override async cacheValue(key: string, value: V): Promise<void> {
    await this.cache.set(key, value, this.ttlMs).catch(() => undefined);
  }
}
