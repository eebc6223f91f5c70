/**
 * Buggy variant: the time is read from Date.now() instead of the injected clock.
 * @caughtBy fires-at-cron-times
 */
import { ScheduledWarmer as Base } from '../base/scheduled-warming.js';

export type { ScheduledWarmerOptions } from '../base/scheduled-warming.js';

export class ScheduledWarmer<V> extends Base<V> {
  protected override now(): number {
    return Date.now(); // The mistake: the wall clock.
  }
}
