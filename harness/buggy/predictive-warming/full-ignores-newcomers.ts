/**
 * Buggy variant: once capacity keys are tracked, accesses of any other key are dropped, so a key that turns hot later is never tracked.
 * @caughtBy heavy-hitters
 */
import { PredictiveWarmer as Base } from '../base/predictive-warming.js';

export type { HotKey, PredictiveWarmerOptions, WarmFailure, WarmReport } from '../base/predictive-warming.js';

export class PredictiveWarmer<V> extends Base<V> {
  protected override replace(): void {
    // The mistake: "the table is full" is treated as "ignore the newcomer".
  }
}
