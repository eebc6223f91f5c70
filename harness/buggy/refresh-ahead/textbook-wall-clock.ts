/**
 * Buggy variant: the textbook's clock: ages are measured with Date.now() instead of the clock it was given, so on the grader's clock nothing ever ages.
 * @caughtBy expired-loads
 */
import { RefreshAheadCache as Base } from '../base/refresh-ahead.js';

export class RefreshAheadCache<V> extends Base<V> {
  // The mistake: `const elapsed = Date.now() - createdAt` ignores the injected clock.
  protected override now(): number {
    return Date.now();
  }
}
