/**
 * Buggy variant: namespace and key are joined with ':', so tenant "a:b" key "c" and tenant "a" key "b:c" share one entry.
 * @caughtBy injective-keys
 */
import { SecureCache as Base } from '../base/secure-cache.js';

export type { EncryptionKey, RejectReason, SecureCacheOptions } from '../base/secure-cache.js';

export class SecureCache<V = unknown> extends Base<V> {
  protected override storageKey(key: string): string {
    // The mistake: without the namespace's length the join cannot be split back apart.
    return `${this.namespace}:${key}`;
  }
}
