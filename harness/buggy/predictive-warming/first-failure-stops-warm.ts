/**
 * Buggy variant: a key's failure is rethrown in its worker, so warm rejects with the first error and the keys not yet started are never warmed.
 * @caughtBy warm-isolation
 */
import { PredictiveWarmer as Base, type Outcome } from '../base/predictive-warming.js';

export type { HotKey, PredictiveWarmerOptions, WarmFailure, WarmReport } from '../base/predictive-warming.js';

export class PredictiveWarmer<V> extends Base<V> {
  protected override async warmKey(key: string): Promise<Outcome> {
    const outcome = await super.warmKey(key);
    // The mistake: the error escapes the worker loop; Promise.all over the workers rejects at once.
    if (outcome.kind === 'failed') throw outcome.error;
    return outcome;
  }
}
