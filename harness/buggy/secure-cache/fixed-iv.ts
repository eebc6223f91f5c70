/**
 * Buggy variant: AES-GCM with a constant IV: equal values give equal ciphertexts (and GCM with a repeated IV leaks the authentication key).
 * @caughtBy fresh-iv
 */
import { IV_BYTES, SecureCache as Base } from '../base/secure-cache.js';

export type { EncryptionKey, RejectReason, SecureCacheOptions } from '../base/secure-cache.js';

export class SecureCache<V = unknown> extends Base<V> {
  protected override iv(): Buffer {
    // The mistake: one IV for every write.
    return Buffer.alloc(IV_BYTES, 7);
  }
}
