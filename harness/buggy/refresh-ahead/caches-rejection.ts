/**
 * Buggy variant: a failed load stays as the key's load in flight, so every later get of the key gets the same rejection without loading again.
 * @caughtBy expired-loads
 */
import { RefreshAheadCache as Base } from '../base/refresh-ahead.js';

export class RefreshAheadCache<V> extends Base<V> {
  // The mistake: the in-flight promise is cleared only when it resolves, not when it rejects.
  protected override failed(): void {}
}
