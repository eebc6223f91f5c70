/**
 * Buggy variant: warms one key at a time in a for-await loop, ignoring concurrency.
 * @caughtBy warm-concurrency
 */
import { PredictiveWarmer as Base } from '../base/predictive-warming.js';

export type { HotKey, PredictiveWarmerOptions, WarmFailure, WarmReport } from '../base/predictive-warming.js';

export class PredictiveWarmer<V> extends Base<V> {
  protected override async pool(count: number, work: (i: number) => Promise<void>): Promise<void> {
    // The mistake: each key waits for the one before it: a cold start takes keys × latency.
    for (let i = 0; i < count; i++) await work(i);
  }
}
