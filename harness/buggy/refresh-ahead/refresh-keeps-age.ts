/**
 * Buggy variant: a refresh replaces the value but keeps the old entry's loadedAt, so the new value expires when the old one would have.
 * @caughtBy refresh-replaces
 */
import { RefreshAheadCache as Base, type Slot } from '../base/refresh-ahead.js';

export class RefreshAheadCache<V> extends Base<V> {
  // The mistake: only the value is updated in place.
  protected override store(_key: string, slot: Slot<V>, value: V): void {
    if (slot.entry !== undefined) slot.entry.value = value;
    else slot.entry = { value, loadedAt: this.now() };
  }
}
