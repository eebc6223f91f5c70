/**
 * Buggy variant: an invalidation up to version n drops only values older than n, so the value of version n itself survives it.
 * @caughtBy version-order
 */
import { InvalidatingCache as Base } from '../base/invalidation.js';

export class InvalidatingCache<V> extends Base<V> {
  // The mistake: `<` where the contract says `<=`. A writer that names the version its write
  // replaced leaves that (old) value cached everywhere.
  protected override covers(eventVersion: number | undefined, version: number): boolean {
    return eventVersion === undefined || version < eventVersion;
  }
}
