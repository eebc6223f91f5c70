/**
 * Buggy variant: tests the cached value for truthiness (the syllabus's `if (!inCache)`), so a cached "" is reloaded and overwritten.
 * @caughtBy warm-skips-cached
 */
import { PredictiveWarmer as Base } from '../base/predictive-warming.js';

export type { HotKey, PredictiveWarmerOptions, WarmFailure, WarmReport } from '../base/predictive-warming.js';

export class PredictiveWarmer<V> extends Base<V> {
  protected override isCached(value: V | undefined): boolean {
    // The mistake: "" (and 0, false) are values the cache holds, not misses.
    return Boolean(value);
  }
}
