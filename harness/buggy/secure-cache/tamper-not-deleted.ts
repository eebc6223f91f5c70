/**
 * Buggy variant: a refused entry is counted and reported but left in the store, to be refused again on every read.
 * @caughtBy tamper
 */
import { SecureCache as Base, type RejectReason } from '../base/secure-cache.js';

export type { EncryptionKey, RejectReason, SecureCacheOptions } from '../base/secure-cache.js';

export class SecureCache<V = unknown> extends Base<V> {
  protected override async refuse(key: string, _storageKey: string, reason: RejectReason): Promise<void> {
    // The mistake: no store.delete.
    this.rejectedCount++;
    this.onRejected(key, reason);
  }
}
