/**
 * Buggy variant: the forward-decay exponent has the wrong sign, so older accesses weigh more than recent ones.
 * @caughtBy decay
 */
import { PredictiveWarmer as Base } from '../base/predictive-warming.js';

export type { HotKey, PredictiveWarmerOptions, WarmFailure, WarmReport } from '../base/predictive-warming.js';

export class PredictiveWarmer<V> extends Base<V> {
  protected override weight(exponent: number): number {
    // The mistake: 2^(-x) instead of 2^x: an access made later weighs less, and reads multiply instead of divide.
    return 2 ** -exponent;
  }
}
