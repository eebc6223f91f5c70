/**
 * Buggy variant: a fire time starts a new run even while the previous run of the schedule is still in progress.
 * @caughtBy no-overlap
 */
import { ScheduledWarmer as Base, type Entry } from '../base/scheduled-warming.js';

export type { ScheduledWarmerOptions } from '../base/scheduled-warming.js';

export class ScheduledWarmer<V> extends Base<V> {
  protected override isBusy(entry: Entry): boolean {
    void entry;
    return false; // The mistake: no guard.
  }
}
