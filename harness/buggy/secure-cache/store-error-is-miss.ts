/**
 * Buggy variant: one try/catch around the whole read turns a store outage into a miss counted as a rejected entry, instead of letting the store's error propagate.
 * @caughtBy store-errors
 */
import { SecureCache as Base } from '../base/secure-cache.js';

export type { EncryptionKey, RejectReason, SecureCacheOptions } from '../base/secure-cache.js';

export class SecureCache<V = unknown> extends Base<V> {
  override async get(key: string): Promise<V | undefined> {
    if (typeof key !== 'string') throw new TypeError('SecureCache.get: key must be a string');
    try {
      return await super.get(key);
    } catch {
      // The mistake: the store's error is swallowed with the decryption errors.
      this.rejectedCount++;
      this.onRejected(key, 'malformed');
      return undefined;
    }
  }
}
