/**
 * Buggy variant: ttlMs is not passed on to store.set, so entries never expire.
 * @caughtBy ttl-passthrough
 */
import { SecureCache as Base } from '../base/secure-cache.js';

export type { EncryptionKey, RejectReason, SecureCacheOptions } from '../base/secure-cache.js';

export class SecureCache<V = unknown> extends Base<V> {
  protected override async write(storageKey: string, entry: Uint8Array): Promise<void> {
    // The mistake: the ttl stops here.
    await this.store.set(storageKey, entry);
  }
}
