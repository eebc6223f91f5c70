/**
 * Buggy variant: buckets is only checked to be a positive safe integer, so 2^31 + 1 and more are accepted, beyond the paper's 32-bit bucket count.
 * @caughtBy validation
 */
import { exportsOf, JumpHashing } from '../base/jump-hash.js';

class Unbounded extends JumpHashing {
  // The mistake: no upper bound of 2^31.
  protected override checkBuckets(buckets: unknown): void {
    if (typeof buckets !== 'number') throw new TypeError(`jumpHash: buckets must be a number, got ${typeof buckets}`);
    if (!Number.isSafeInteger(buckets) || buckets < 1) throw new RangeError(`jumpHash: buckets must be a positive safe integer, got ${buckets}`);
  }
}

export const { jumpHash, hash64, bucketOf } = exportsOf(new Unbounded());
