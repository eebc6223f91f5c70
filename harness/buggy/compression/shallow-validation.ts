/**
 * Buggy variant: checks only the top level of the value, so [1, NaN] is stored as [1, null] and { a: undefined } as {}.
 * @caughtBy validation
 */
import { CompressedCache as Base } from '../base/compression.js';

export type { Codec, CompressedCacheOptions, CompressionStats } from '../base/compression.js';

export class CompressedCache<V> extends Base<V> {
  protected override checkValue(value: unknown): void {
    // The mistake: what is inside an array or object is not checked.
    if (value === undefined || typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') throw new TypeError('value must be a JSON value');
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError('value must be a finite number');
  }
}
