/**
 * Buggy variant: reports a corrupt entry and returns a miss, but leaves it in the store.
 * @caughtBy corruption
 */
import { CompressedCache as Base } from '../base/compression.js';

export type { Codec, CompressedCacheOptions, CompressionStats } from '../base/compression.js';

export class CompressedCache<V> extends Base<V> {
  protected override async corrupt(key: string, error: unknown): Promise<undefined> {
    // The mistake: no store.delete(key): every later get decodes the same garbage again.
    this.forget(key);
    this.onCorrupt(key, error);
    return undefined;
  }
}
