/**
 * Buggy variant: hot(n) takes the first n counters in the heap's array order, which is not sorted by score.
 * @caughtBy hot-order
 */
import { PredictiveWarmer as Base, type Counter } from '../base/predictive-warming.js';

export type { HotKey, PredictiveWarmerOptions, WarmFailure, WarmReport } from '../base/predictive-warming.js';

export class PredictiveWarmer<V> extends Base<V> {
  protected override ranked(): Counter[] {
    // The mistake: a min-heap's array is only partially ordered (and smallest first at that).
    return [...this.heap];
  }
}
