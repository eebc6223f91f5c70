/**
 * Buggy variant: every entry is decrypted with the newest key, ignoring the key id in the envelope, so entries written before a rotation no longer read.
 * @caughtBy rotation
 */
import { SecureCache as Base } from '../base/secure-cache.js';

export type { EncryptionKey, RejectReason, SecureCacheOptions } from '../base/secure-cache.js';

export class SecureCache<V = unknown> extends Base<V> {
  protected override readingKey(): Buffer | undefined {
    // The mistake: the envelope names its key, but only the current one is tried.
    return this.writingKey().key;
  }
}
