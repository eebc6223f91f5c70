/**
 * Buggy variant: a version is checked to be a number but not to be finite, so invalidate("a", Infinity) and NaN are published.
 * @caughtBy validation
 */
import { InvalidatingCache as Base } from '../base/invalidation.js';

export class InvalidatingCache<V> extends Base<V> {
  // The mistake: typeof NaN and typeof Infinity are both "number".
  override invalidate(key: string, version?: number): Promise<void> {
    if (typeof version === 'number' && !Number.isFinite(version)) {
      if (typeof key !== 'string') throw new TypeError('key must be a string');
      if (this.closed) return Promise.reject(new Error('closed'));
      return this.publish({ kind: 'key', key, version });
    }
    return super.invalidate(key, version);
  }
}
