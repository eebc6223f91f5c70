/**
 * Buggy variant: no backpressure: writes of new keys are queued however many keys are pending.
 * @caughtBy backpressure
 */
import { WriteBehind as Base } from '../base/write-behind.js';

export type { WriteBehindOptions } from '../base/write-behind.js';

export class WriteBehind<V> extends Base<V> {
  protected override hasRoomFor(_key: string): boolean {
    // The mistake: maxPending is never looked at.
    return true;
  }
}
