/**
 * Buggy variant: new entries are encrypted with the FIRST configured key (the oldest), so after a rotation nothing is written with the new key and retiring the old key loses everything.
 * @caughtBy rotation
 */
import { SecureCache as Base } from '../base/secure-cache.js';

export type { EncryptionKey, RejectReason, SecureCacheOptions } from '../base/secure-cache.js';

export class SecureCache<V = unknown> extends Base<V> {
  protected override writingKey(): { id: number; key: Buffer } {
    // The mistake: keys[0] instead of keys[keys.length - 1].
    const [id, key] = [...this.keyring][0]!;
    return { id, key };
  }
}
