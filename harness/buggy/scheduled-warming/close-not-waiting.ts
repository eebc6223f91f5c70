/**
 * Buggy variant: close() resolves at once, before the runs in progress have finished.
 * @caughtBy unschedule-and-close
 */
import { ScheduledWarmer as Base } from '../base/scheduled-warming.js';

export type { ScheduledWarmerOptions } from '../base/scheduled-warming.js';

export class ScheduledWarmer<V> extends Base<V> {
  protected override waitForRuns(): Promise<void> {
    return Promise.resolve(); // The mistake: runs are left behind.
  }
}
