/**
 * Buggy variant: warm(n) warms every tracked key instead of the n hottest.
 * @caughtBy warm-loads-missing
 */
import { PredictiveWarmer as Base, type WarmReport } from '../base/predictive-warming.js';

export type { HotKey, PredictiveWarmerOptions, WarmFailure, WarmReport } from '../base/predictive-warming.js';

export class PredictiveWarmer<V> extends Base<V> {
  override warm(n: number): Promise<WarmReport> {
    if (!Number.isSafeInteger(n) || n < 0) return Promise.reject(new RangeError(`PredictiveWarmer.warm: n must be a safe integer >= 0, got ${String(n)}`));
    // The mistake: n is checked, then forgotten: hot(capacity) instead of hot(n).
    return this.warmKeys(this.hot(this.capacity).map((h) => h.key));
  }
}
