/**
 * Buggy variant: stores a loaded value only when it is truthy (the syllabus's `if (data)`), so a loaded "" is reported absent and never cached.
 * @caughtBy warm-loads-missing
 */
import { PredictiveWarmer as Base, type Outcome } from '../base/predictive-warming.js';

export type { HotKey, PredictiveWarmerOptions, WarmFailure, WarmReport } from '../base/predictive-warming.js';

export class PredictiveWarmer<V> extends Base<V> {
  protected override async warmKey(key: string): Promise<Outcome> {
    try {
      if (this.isCached(await this.cache.get(key))) return { kind: 'skipped' };
      const value = await this.load(key);
      // The mistake: a falsy value ("" or 0) is a value, only undefined means absent.
      if (!value) return { kind: 'absent' };
      await this.store(key, value);
      return { kind: 'warmed' };
    } catch (error) {
      return { kind: 'failed', error };
    }
  }
}
