/**
 * Buggy variant: only the first write ever arms the flush timer; later writes wait for a full batch or a flush.
 * @caughtBy flush-interval
 */
import { WriteBehind as Base } from '../base/write-behind.js';

export type { WriteBehindOptions } from '../base/write-behind.js';

export class WriteBehind<V> extends Base<V> {
  #armed = false;

  protected override armTimer(): void {
    // The mistake: a one-shot timer armed once, as if it were an interval.
    if (this.#armed) return;
    this.#armed = true;
    super.armTimer();
  }
}
