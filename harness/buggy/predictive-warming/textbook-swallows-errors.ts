/**
 * Buggy variant: a key whose call failed is only logged (the syllabus's console.error), never reported in failed.
 * @caughtBy warm-isolation
 */
import { PredictiveWarmer as Base, type Outcome, type WarmReport } from '../base/predictive-warming.js';

export type { HotKey, PredictiveWarmerOptions, WarmFailure } from '../base/predictive-warming.js';
export type { WarmReport };

export class PredictiveWarmer<V> extends Base<V> {
  protected override report(keys: readonly string[], outcomes: readonly Outcome[]): WarmReport {
    const report = super.report(keys, outcomes);
    // The mistake: the failures are swallowed (the textbook logs them and moves on): the caller cannot retry or alert.
    return { ...report, failed: [] };
  }
}
