/**
 * Buggy variant: decays only when record() is called, so score() and hot() report the scores as of the last access, not now.
 * @caughtBy decay
 */
import { PredictiveWarmer as Base } from '../base/predictive-warming.js';

export type { HotKey, PredictiveWarmerOptions, WarmFailure, WarmReport } from '../base/predictive-warming.js';

export class PredictiveWarmer<V> extends Base<V> {
  #lastRecordAt: number | undefined;
  #recording = false;

  override record(key: string): void {
    this.#recording = true;
    try {
      super.record(key);
    } finally {
      this.#recording = false;
    }
    this.#lastRecordAt = this.clock.now();
  }

  protected override weightNow(): number {
    // The mistake: reads use the time of the last record (lazy decay applied on writes only).
    const at = this.#recording || this.#lastRecordAt === undefined ? this.clock.now() : this.#lastRecordAt;
    return this.weight((at - this.landmark) / this.halfLifeMs);
  }
}
