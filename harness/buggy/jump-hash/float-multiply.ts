/**
 * Buggy variant: the 64-bit step key * 2862933555777941757 + 1 is computed in doubles (Number) and reduced with %, which loses the low bits of the key: the buckets differ from the paper's.
 * @caughtBy jump-exact
 */
import { exportsOf, JumpHashing } from '../base/jump-hash.js';

class FloatMultiply extends JumpHashing {
  // The mistake: a double has 53 bits of precision; the product needs 126.
  protected override step(key: bigint): bigint {
    const next = (Number(key) * 2862933555777941757 + 1) % 2 ** 64;
    return BigInt(next);
  }
}

export const { jumpHash, hash64, bucketOf } = exportsOf(new FloatMultiply());
