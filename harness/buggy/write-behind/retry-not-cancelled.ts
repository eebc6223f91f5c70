/**
 * Buggy variant: a newer write of a key leaves the older write's retry timer set, so the older write is queued again over the newer one and written after it.
 * @caughtBy nothing-lost
 */
import { WriteBehind as Base } from '../base/write-behind.js';

export type { WriteBehindOptions } from '../base/write-behind.js';

export class WriteBehind<V> extends Base<V> {
  protected override cancelRetry(_key: string): void {
    // The mistake: the superseded write's retry still fires.
  }
}
