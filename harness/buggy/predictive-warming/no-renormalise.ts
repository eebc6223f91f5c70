/**
 * Buggy variant: never moves the forward-decay landmark, so after about 1024 half-lives the weights overflow to Infinity and scores become NaN.
 * @caughtBy long-horizon
 */
import { PredictiveWarmer as Base } from '../base/predictive-warming.js';

export type { HotKey, PredictiveWarmerOptions, WarmFailure, WarmReport } from '../base/predictive-warming.js';

export class PredictiveWarmer<V> extends Base<V> {
  protected override weightNow(): number {
    // The mistake: no rescaling: 2^((now - landmark) / halfLifeMs) grows without limit.
    return this.weight((this.clock.now() - this.landmark) / this.halfLifeMs);
  }
}
