/**
 * Buggy variant: hash64 is a 64-bit shift-and-add hash (h = h * 31 + c mod 2^64), which sends similar texts to similar values.
 * @caughtBy hash64-avalanche
 */
import { exportsOf, JumpHashing } from '../base/jump-hash.js';

class WeakHash64 extends JumpHashing {
  // The mistake: Java's hashCode widened to 64 bits: no mixing, and no finaliser.
  override hash64(text: string): bigint {
    if (typeof text !== 'string') throw new TypeError(`hash64: text must be a string, got ${typeof text}`);
    let h = 0n;
    for (let i = 0; i < text.length; i++) h = BigInt.asUintN(64, h * 31n + BigInt(text.charCodeAt(i)));
    return h;
  }
}

export const { jumpHash, hash64, bucketOf } = exportsOf(new WeakHash64());
