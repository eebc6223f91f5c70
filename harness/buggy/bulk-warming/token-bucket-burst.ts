/**
 * Buggy variant: a token bucket of capacity ratePerSecond, refilled continuously, lets up to twice the rate start within one window of 1000 ms.
 * @caughtBy limits
 */
import { BulkWarmer, bulkWarmWith } from '../base/bulk-warming.js';

class Warmer<V> extends BulkWarmer<V> {
  #tokens: number | undefined;
  #refilledAt = 0;
  #queue: Promise<void> = Promise.resolve();

  protected override takeStart(): Promise<void> {
    if (this.ratePerSecond === Infinity) return Promise.resolve();
    const turn = this.#queue.then(() => this.#take());
    this.#queue = turn;
    return turn;
  }

  async #take(): Promise<void> {
    // The mistake: the bucket starts full and refills continuously, so a full bucket spent at
    // the end of one second is full again one second later: 2 × rate starts in 1000 ms.
    const perMs = this.ratePerSecond / 1000;
    for (;;) {
      const now = this.clock.now();
      this.#tokens = Math.min(this.ratePerSecond, (this.#tokens ?? this.ratePerSecond) + (now - this.#refilledAt) * perMs);
      this.#refilledAt = now;
      if (this.#tokens >= 1) {
        this.#tokens -= 1;
        return;
      }
      // Whole milliseconds: a fractional wait can round to no time at all and spin.
      await this.sleep(Math.ceil((1 - this.#tokens) / perMs));
    }
  }
}

export const bulkWarm = bulkWarmWith(Warmer);
