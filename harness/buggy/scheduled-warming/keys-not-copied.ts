/**
 * Buggy variant: schedule() keeps the caller's keys array, so a later change by the caller changes what is warmed.
 * @caughtBy warms-every-key
 */
import { ScheduledWarmer as Base } from '../base/scheduled-warming.js';

export type { ScheduledWarmerOptions } from '../base/scheduled-warming.js';

export class ScheduledWarmer<V> extends Base<V> {
  protected override copyKeys(keys: readonly string[]): readonly string[] {
    return keys; // The mistake: no copy.
  }
}
