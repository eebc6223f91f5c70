/**
 * Buggy variant: virtualNodes is only checked to be positive, so 1.5, Infinity and 2 ** 53 are accepted (and a node of 1.5 points per unit of weight makes no sense).
 * @caughtBy validation
 */
import { HashRing as Base } from '../base/hash-ring.js';

export { hash32 } from '../base/hash-ring.js';
export type { HashRingOptions } from '../base/hash-ring.js';

/** A consistent hash ring: keys map to nodes, and adding or removing a node moves few keys. */
export class HashRing extends Base {
  // The mistake: `value > 0` is not "a positive safe integer".
  protected override checkPositiveInteger(value: unknown, name: string): void {
    if (name !== 'virtualNodes') return super.checkPositiveInteger(value, name);
    if (typeof value !== 'number' || !(value > 0)) throw new RangeError(`HashRing: ${name} must be positive, got ${String(value)}`);
  }
}
