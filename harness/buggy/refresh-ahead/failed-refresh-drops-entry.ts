/**
 * Buggy variant: a failed background refresh throws the old value away, so the next get waits for a load although the old value had time left.
 * @caughtBy failed-refresh
 */
import { RefreshAheadCache as Base, type Slot } from '../base/refresh-ahead.js';

export class RefreshAheadCache<V> extends Base<V> {
  // The mistake: "the refresh failed, so the entry must be bad": the contract keeps it until ttlMs.
  protected override failed(_key: string, slot: Slot<V>, flight: Promise<V>, background: boolean): void {
    if (slot.flight === flight) slot.flight = undefined;
    if (background) slot.entry = undefined;
  }
}
