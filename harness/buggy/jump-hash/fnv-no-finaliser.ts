/**
 * Buggy variant: hash64 is FNV-1a 64 without a finaliser: a change in the last character never reaches the bits below it.
 * @caughtBy hash64-avalanche
 */
import { exportsOf, JumpHashing } from '../base/jump-hash.js';

class NoFinaliser extends JumpHashing {
  // The mistake: the final mix is left out.
  protected override finalise(h: bigint): bigint {
    return h;
  }
}

export const { jumpHash, hash64, bucketOf } = exportsOf(new NoFinaliser());
