/**
 * Buggy variant: an overwrite adds the new entry to the stats without taking out the one it replaced.
 * @caughtBy accounting
 */
import { CompressedCache as Base } from '../base/compression.js';

export type { Codec, CompressedCacheOptions, CompressionStats } from '../base/compression.js';

export class CompressedCache<V> extends Base<V> {
  protected override record(key: string, raw: number, stored: number): void {
    // The mistake: no this.forget(key) first; the old entry is counted twice.
    const old = this.sizes.get(key);
    if (old !== undefined) {
      this.sizes.set(key, { raw: old.raw + raw, stored: old.stored + stored });
    } else {
      this.sizes.set(key, { raw, stored });
      this.totals.entries += 1;
    }
    this.totals.rawBytes += raw;
    this.totals.storedBytes += stored;
  }
}
