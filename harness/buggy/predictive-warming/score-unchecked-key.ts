/**
 * Buggy variant: score() does not check its key, so score(null) quietly returns 0 instead of throwing a TypeError.
 * @caughtBy validation
 */
import { PredictiveWarmer as Base } from '../base/predictive-warming.js';

export type { HotKey, PredictiveWarmerOptions, WarmFailure, WarmReport } from '../base/predictive-warming.js';

export class PredictiveWarmer<V> extends Base<V> {
  override score(key: string): number {
    // The mistake: only record() validates its key.
    const counter = this.counters.get(key);
    return counter === undefined ? 0 : counter.count / this.weightNow();
  }
}
