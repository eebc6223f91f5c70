/**
 * Buggy variant: warms the keys in chunks of concurrency with Promise.all, so each chunk waits for its slowest key before the next starts.
 * @caughtBy warm-concurrency
 */
import { PredictiveWarmer as Base } from '../base/predictive-warming.js';

export type { HotKey, PredictiveWarmerOptions, WarmFailure, WarmReport } from '../base/predictive-warming.js';

export class PredictiveWarmer<V> extends Base<V> {
  protected override async pool(count: number, work: (i: number) => Promise<void>): Promise<void> {
    // The mistake: slots freed by fast keys stay idle until the whole chunk is done.
    for (let from = 0; from < count; from += this.concurrency) {
      const chunk = Array.from({ length: Math.min(this.concurrency, count - from) }, (_, j) => work(from + j));
      await Promise.all(chunk);
    }
  }
}
