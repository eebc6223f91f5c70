/**
 * Buggy variant: a run starts every key at once, whatever the concurrency.
 * @caughtBy concurrency
 */
import { ScheduledWarmer as Base, type Entry } from '../base/scheduled-warming.js';

export type { ScheduledWarmerOptions } from '../base/scheduled-warming.js';

export class ScheduledWarmer<V> extends Base<V> {
  protected override workers(entry: Entry): number {
    return entry.keys.length; // The mistake: Promise.all over every key.
  }
}
