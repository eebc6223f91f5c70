/**
 * Buggy variant: warms every hot key at once with Promise.allSettled, as the syllabus does, ignoring concurrency.
 * @caughtBy warm-concurrency
 */
import { PredictiveWarmer as Base } from '../base/predictive-warming.js';

export type { HotKey, PredictiveWarmerOptions, WarmFailure, WarmReport } from '../base/predictive-warming.js';

export class PredictiveWarmer<V> extends Base<V> {
  protected override async pool(count: number, work: (i: number) => Promise<void>): Promise<void> {
    // The mistake: one promise per key, all started together: a cold start hits the source with every key at once.
    await Promise.allSettled(Array.from({ length: count }, (_, i) => work(i)));
  }
}
