/**
 * Buggy variant: the textbook's `elapsed > ttl * threshold`: at exactly refreshThreshold × ttlMs the entry still counts as fresh and no refresh starts.
 * @caughtBy refresh-at-once
 */
import { RefreshAheadCache as Base } from '../base/refresh-ahead.js';

export class RefreshAheadCache<V> extends Base<V> {
  // The mistake: `<=` keeps the boundary age fresh; the contract says a refresh is due from it on (>=).
  protected override isFresh(age: number): boolean {
    return age <= this.freshMs;
  }
}
