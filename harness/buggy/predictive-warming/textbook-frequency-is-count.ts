/**
 * Buggy variant: counts raw accesses with no decay (the syllabus's frequency formula reduces to accessCount), so old bursts stay hot forever.
 * @caughtBy decay
 */
import { PredictiveWarmer as Base } from '../base/predictive-warming.js';

export type { HotKey, PredictiveWarmerOptions, WarmFailure, WarmReport } from '../base/predictive-warming.js';

export class PredictiveWarmer<V> extends Base<V> {
  protected override weightNow(): number {
    // The mistake: every access weighs 1 and nothing is ever divided by elapsed time: a count, not a decayed score.
    return 1;
  }
}
