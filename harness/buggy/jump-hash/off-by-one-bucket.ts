/**
 * Buggy variant: the loop runs while j <= buckets instead of j < buckets, so a key can land in bucket `buckets`, one past the last.
 * @caughtBy jump-exact
 */
import { exportsOf, JumpHashing } from '../base/jump-hash.js';

class OffByOne extends JumpHashing {
  // The mistake: <= where the paper has <.
  override jumpHash(key: bigint, buckets: number): number {
    this.checkKey(key);
    this.checkBuckets(buckets);
    let b = -1;
    let j = 0;
    let k = key;
    while (j <= buckets) {
      b = j;
      k = this.step(k);
      j = this.nextJump(b, k);
    }
    return b;
  }
}

export const { jumpHash, hash64, bucketOf } = exportsOf(new OffByOne());
