/**
 * Buggy variant: drops ttlMs on the way to the store, so entries never expire.
 * @caughtBy ttl-passthrough
 */
import { CompressedCache as Base } from '../base/compression.js';

export type { Codec, CompressedCacheOptions, CompressionStats } from '../base/compression.js';

export class CompressedCache<V> extends Base<V> {
  protected override write(key: string, entry: Uint8Array): Promise<void> {
    // The mistake: the third argument is forgotten.
    return this.store.set(key, entry);
  }
}
