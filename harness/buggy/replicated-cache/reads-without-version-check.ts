/**
 * Buggy variant: get serves the first node's answer whatever its version, so a stale replica (or a node that applied two writes out of order) is served.
 * @caughtBy reads-never-stale
 */
import { ReplicatedCache as Base, type Versioned } from '../base/replicated-cache.js';

export type { Versioned } from '../base/replicated-cache.js';

export class ReplicatedCache<V> extends Base<V> {
  // The mistake: any answer is usable; the versions are written but never read.
  protected override usable(_key: string, _answer: Versioned<V> | undefined): boolean {
    return true;
  }
}
