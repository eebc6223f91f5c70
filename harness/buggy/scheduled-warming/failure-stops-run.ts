/**
 * Buggy variant: the try/catch goes around the whole run, so the first failing key stops the keys after it.
 * @caughtBy warms-every-key
 */
import { ScheduledWarmer as Base, type Entry } from '../base/scheduled-warming.js';

export type { ScheduledWarmerOptions } from '../base/scheduled-warming.js';

export class ScheduledWarmer<V> extends Base<V> {
  protected override async run(entry: Entry): Promise<void> {
    let key = '';
    try {
      for (key of entry.keys) await this.store(entry, key);
    } catch (error) {
      this.onError(error, entry.id, key); // The mistake: the remaining keys are never warmed.
    }
  }
}
