/**
 * Buggy variant: schedule() runs the keys at once, then follows the expression.
 * @caughtBy fires-at-cron-times
 */
import { ScheduledWarmer as Base, type Entry } from '../base/scheduled-warming.js';

export type { ScheduledWarmerOptions } from '../base/scheduled-warming.js';

export class ScheduledWarmer<V> extends Base<V> {
  protected override begin(entry: Entry): void {
    this.startRun(entry); // The mistake: a run that no fire time asked for.
    super.begin(entry);
  }
}
