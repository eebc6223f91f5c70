/**
 * Buggy variant: after a late timer the next fire time is computed from the missed one, so every missed occurrence runs in a burst.
 * @caughtBy late-timer
 */
import { ScheduledWarmer as Base, type Entry } from '../base/scheduled-warming.js';

export type { ScheduledWarmerOptions } from '../base/scheduled-warming.js';

export class ScheduledWarmer<V> extends Base<V> {
  protected override rearm(entry: Entry, at: number, now: number): void {
    void now;
    this.arm(entry, at); // The mistake: from the fire time, not from now.
  }
}
