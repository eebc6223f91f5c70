/**
 * Buggy variant: unschedule() forgets the schedule but leaves its timer set.
 * @caughtBy unschedule-and-close
 */
import { ScheduledWarmer as Base, type Entry } from '../base/scheduled-warming.js';

export type { ScheduledWarmerOptions } from '../base/scheduled-warming.js';

export class ScheduledWarmer<V> extends Base<V> {
  protected override cancel(entry: Entry): void {
    void entry; // The mistake: no clearTimeout; the timer fires and finds nothing to do.
  }
}
