/**
 * Buggy variant: the textbook's refreshAsync: a failed background refresh is logged and forgotten instead of being passed to onRefreshError.
 * @caughtBy failed-refresh
 */
import { RefreshAheadCache as Base } from '../base/refresh-ahead.js';

export class RefreshAheadCache<V> extends Base<V> {
  // The mistake: `catch (error) { console.error(...) }`: the caller's reporter never hears of it.
  protected override report(): void {}
}
