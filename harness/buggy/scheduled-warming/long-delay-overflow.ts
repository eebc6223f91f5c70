/**
 * Buggy variant: the whole delay to the next fire time goes into one timer, which Node fires at once when it is over 2^31 − 1 ms.
 * @caughtBy long-delay
 */
import { ScheduledWarmer as Base, type Entry } from '../base/scheduled-warming.js';

export type { ScheduledWarmerOptions } from '../base/scheduled-warming.js';

export class ScheduledWarmer<V> extends Base<V> {
  protected override delayFor(entry: Entry): number {
    return Math.max(0, entry.next! - this.now()); // The mistake: no cap.
  }
}
