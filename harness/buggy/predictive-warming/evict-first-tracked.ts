/**
 * Buggy variant: a newcomer evicts the key tracked longest (the Map's first key) instead of the smallest counter, so it can inherit a large count.
 * @caughtBy error-bounds
 */
import { PredictiveWarmer as Base } from '../base/predictive-warming.js';

export type { HotKey, PredictiveWarmerOptions, WarmFailure, WarmReport } from '../base/predictive-warming.js';

export class PredictiveWarmer<V> extends Base<V> {
  protected override victimIndex(): number {
    // The mistake: FIFO (like an LRU's oldest entry), not the minimum of Space-Saving.
    const first = this.counters.values().next().value!;
    return first.index;
  }
}
