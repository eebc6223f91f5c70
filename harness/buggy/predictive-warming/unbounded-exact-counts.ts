/**
 * Buggy variant: keeps an exact decayed counter for every key ever recorded, so memory grows without bound.
 * @caughtBy bounded-memory
 */
import { PredictiveWarmer as Base } from '../base/predictive-warming.js';

export type { HotKey, PredictiveWarmerOptions, WarmFailure, WarmReport } from '../base/predictive-warming.js';

export class PredictiveWarmer<V> extends Base<V> {
  override record(key: string): void {
    if (typeof key === 'string' && !this.counters.has(key) && this.heap.length >= this.capacity) {
      // The mistake: a new key always gets a counter of its own; capacity is never enforced.
      this.track({ key, count: this.weightNow(), index: this.heap.length });
      return;
    }
    super.record(key);
  }
}
