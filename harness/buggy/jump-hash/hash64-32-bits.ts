/**
 * Buggy variant: hash64 is BigInt(hash32(text)), a 32-bit hash in a bigint, so its top 32 bits are always 0.
 * @caughtBy hash64-uniform
 */
import { hash32 } from '../base/hash-ring.js';
import { exportsOf, JumpHashing } from '../base/jump-hash.js';

class Hash32Only extends JumpHashing {
  // The mistake: only 32 bits of hash where jump hash wants 64.
  override hash64(text: string): bigint {
    return BigInt(hash32(text));
  }
}

export const { jumpHash, hash64, bucketOf } = exportsOf(new Hash32Only());
