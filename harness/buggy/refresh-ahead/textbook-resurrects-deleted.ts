/**
 * Buggy variant: the textbook's refreshAsync: a finished load writes its value under its key, whatever happened to the key meanwhile, so a delete made while it ran is undone.
 * @caughtBy delete
 */
import { RefreshAheadCache as Base, type Slot } from '../base/refresh-ahead.js';

export class RefreshAheadCache<V> extends Base<V> {
  // The mistake: `cache.set(key, freshData)` writes into whatever the key holds now (creating it
  // again after a delete), not into the entry the load was started for.
  protected override store(key: string, _slot: Slot<V>, value: V): void {
    let current = this.slots.get(key);
    if (current === undefined) {
      current = { entry: undefined, flight: undefined };
      this.slots.set(key, current);
    }
    current.entry = { value, loadedAt: this.now() };
  }
}
