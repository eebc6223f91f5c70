/**
 * Buggy variant: the 64-bit step wraps with BigInt.asIntN (signed) instead of asUintN, so half of the keys become negative and the jump goes wrong.
 * @caughtBy jump-exact
 */
import { exportsOf, JumpHashing } from '../base/jump-hash.js';

class Signed extends JumpHashing {
  // The mistake: asIntN keeps the key in [-2^63, 2^63); the paper's key is unsigned.
  protected override step(key: bigint): bigint {
    return BigInt.asIntN(64, key * 2862933555777941757n + 1n);
  }
}

export const { jumpHash, hash64, bucketOf } = exportsOf(new Signed());
