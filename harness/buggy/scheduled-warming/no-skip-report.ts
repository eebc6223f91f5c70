/**
 * Buggy variant: an occurrence that comes during a run is skipped silently, without calling onSkipped.
 * @caughtBy no-overlap
 */
import { ScheduledWarmer as Base, type Entry } from '../base/scheduled-warming.js';

export type { ScheduledWarmerOptions } from '../base/scheduled-warming.js';

export class ScheduledWarmer<V> extends Base<V> {
  protected override skipped(entry: Entry, at: number): void {
    void [entry, at]; // The mistake: nobody is told.
  }
}
