/**
 * Buggy variant: virtualNodes is only checked to be a positive number, so 1.5, Infinity and 2^53 get through.
 * @caughtBy validation
 */
import { ShardedCache as Base, type Ring } from '../base/sharded-cache.js';

export class ShardedCache<V> extends Base<V> {
  // The mistake: `virtualNodes > 0` instead of Number.isSafeInteger(virtualNodes) && virtualNodes > 0.
  protected override checkVirtualNodes(virtualNodes: unknown): void {
    if (typeof virtualNodes !== 'number' || !(virtualNodes > 0)) throw new RangeError('ShardedCache: virtualNodes must be positive');
  }

  // (Capped here only so that the grader's case of 2^53 points ends quickly.)
  protected override createRing(virtualNodes: number): Ring {
    return super.createRing(Number.isFinite(virtualNodes) ? Math.min(Math.ceil(virtualNodes), 1000) : 150);
  }
}
