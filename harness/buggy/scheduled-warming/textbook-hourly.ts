/**
 * Buggy variant: the textbook's hand-written "parser" ignores the expression and runs at the top of every hour.
 * @caughtBy fires-at-cron-times
 */
import { ScheduledWarmer as Base, type Entry } from '../base/scheduled-warming.js';

export type { ScheduledWarmerOptions } from '../base/scheduled-warming.js';

export class ScheduledWarmer<V> extends Base<V> {
  protected override nextAfter(entry: Entry, after: number): number | undefined {
    void entry;
    // The mistake: "0 * * * *" for every pattern.
    return Math.floor(after / 3_600_000) * 3_600_000 + 3_600_000;
  }
}
