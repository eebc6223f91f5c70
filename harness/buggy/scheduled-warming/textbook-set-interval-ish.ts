/**
 * Buggy variant: the interval is computed once from the first two fire times and repeated, so irregular patterns such as "0 9 * * 1-5" drift.
 * @caughtBy fires-at-cron-times
 */
import { ScheduledWarmer as Base, type Entry } from '../base/scheduled-warming.js';

export type { ScheduledWarmerOptions } from '../base/scheduled-warming.js';

export class ScheduledWarmer<V> extends Base<V> {
  readonly #intervals = new Map<Entry, number>();

  protected override nextAfter(entry: Entry, after: number): number | undefined {
    const first = super.nextAfter(entry, after);
    if (entry.next === undefined || first === undefined) return first;
    // The mistake: like setInterval(run, second - first).
    let interval = this.#intervals.get(entry);
    if (interval === undefined) {
      interval = super.nextAfter(entry, entry.next)! - entry.next;
      this.#intervals.set(entry, interval);
    }
    let next = entry.next + interval;
    while (next <= after) next += interval;
    return next;
  }
}
