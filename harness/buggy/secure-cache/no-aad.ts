/**
 * Buggy variant: the storage key is not bound as additional authenticated data, so an entry copied to another key's slot decrypts there.
 * @caughtBy bound-to-key
 */
import { SecureCache as Base } from '../base/secure-cache.js';

export type { EncryptionKey, RejectReason, SecureCacheOptions } from '../base/secure-cache.js';

export class SecureCache<V = unknown> extends Base<V> {
  protected override aad(): Buffer {
    // The mistake: nothing ties the ciphertext to where it is stored.
    return Buffer.alloc(0);
  }
}
