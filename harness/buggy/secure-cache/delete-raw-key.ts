/**
 * Buggy variant: delete removes the raw key instead of its store key, so the encrypted entry stays and get still returns the deleted value.
 * @caughtBy round-trip
 */
import { SecureCache as Base } from '../base/secure-cache.js';

export type { EncryptionKey, RejectReason, SecureCacheOptions } from '../base/secure-cache.js';

export class SecureCache<V = unknown> extends Base<V> {
  override async delete(key: string): Promise<void> {
    if (typeof key !== 'string') throw new TypeError('SecureCache.delete: key must be a string');
    // The mistake: set and get use storageKey(key); delete forgot to.
    await this.store.delete(key);
  }
}
