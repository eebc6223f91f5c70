/**
 * Buggy variant: stores warmed values with cache.set(key, value), dropping the ttlMs option, as the syllabus does.
 * @caughtBy ttl-passthrough
 */
import { PredictiveWarmer as Base } from '../base/predictive-warming.js';

export type { HotKey, PredictiveWarmerOptions, WarmFailure, WarmReport } from '../base/predictive-warming.js';

export class PredictiveWarmer<V> extends Base<V> {
  protected override store(key: string, value: V): Promise<void> {
    // The mistake: warmed entries never expire, whatever ttlMs says.
    return this.cache.set(key, value);
  }
}
