/**
 * Buggy variant: evicts the smallest counter but starts the newcomer at 1 (this access only), so a key that came back is underestimated.
 * @caughtBy error-bounds
 */
import { PredictiveWarmer as Base } from '../base/predictive-warming.js';

export type { HotKey, PredictiveWarmerOptions, WarmFailure, WarmReport } from '../base/predictive-warming.js';

export class PredictiveWarmer<V> extends Base<V> {
  protected override replace(index: number, key: string, weight: number): void {
    const victim = this.heap[index]!;
    this.counters.delete(victim.key);
    // The mistake: the newcomer's count is its own access only, not the victim's count plus it.
    const counter = { key, count: weight, index };
    this.heap[index] = counter;
    this.counters.set(key, counter);
    this.siftUp(index);
    this.siftDown(index);
  }
}
