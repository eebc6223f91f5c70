/**
 * Buggy variant: a try/catch around the whole read turns a failing store into a miss (and reports it as corrupt).
 * @caughtBy store-errors
 */
import { CompressedCache as Base } from '../base/compression.js';

export type { Codec, CompressedCacheOptions, CompressionStats } from '../base/compression.js';

export class CompressedCache<V> extends Base<V> {
  protected override async load(key: string): Promise<Uint8Array | undefined> {
    try {
      return await this.store.get(key);
    } catch (error) {
      // The mistake: the store being down is not a corrupt entry; the caller must see the error.
      this.onCorrupt(key, error);
      return undefined;
    }
  }
}
