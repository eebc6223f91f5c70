/**
 * Buggy variant: close() stops scheduling new health checks but leaves the pending timer set.
 * @caughtBy health-timer
 */
import { ReplicatedCache as Base } from '../base/replicated-cache.js';

export type { Versioned } from '../base/replicated-cache.js';

export class ReplicatedCache<V> extends Base<V> {
  // The mistake: the handle is never passed to clearTimeout, so the process is kept alive until it fires.
  override close(): void {
    this.closed = true;
  }
}
