/**
 * Buggy variant: a loaded value's age is counted from when its load started, not from when it resolved, so a slow refresh comes back already old.
 * @caughtBy refresh-replaces
 */
import { RefreshAheadCache as Base, type Slot } from '../base/refresh-ahead.js';

export class RefreshAheadCache<V> extends Base<V> {
  // The mistake: loadedAt is the clock read before the load, not after it.
  protected override store(_key: string, slot: Slot<V>, value: V, startedAt: number): void {
    slot.entry = { value, loadedAt: startedAt };
  }
}
