/**
 * Buggy variant: bucketOf is hash64(text) % buckets, not jump hash, so adding a bucket moves almost every key, to every bucket.
 * @caughtBy add-moves-to-new
 */
import { exportsOf, JumpHashing } from '../base/jump-hash.js';

class ModuloHash extends JumpHashing {
  // The mistake: a modulo is not consistent hashing.
  override bucketOf(text: string, buckets: number): number {
    this.checkBuckets(buckets);
    return Number(this.hash64(text) % BigInt(buckets));
  }
}

export const { jumpHash, hash64, bucketOf } = exportsOf(new ModuloHash());
