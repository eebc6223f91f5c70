/**
 * Buggy variant: an entry whose key id is not configured is reported as 'tampered' instead of 'unknown-key', hiding a rotation that retired a key too early.
 * @caughtBy rotation
 */
import { Refused, SecureCache as Base } from '../base/secure-cache.js';

export type { EncryptionKey, RejectReason, SecureCacheOptions } from '../base/secure-cache.js';

export class SecureCache<V = unknown> extends Base<V> {
  protected override open(entry: Uint8Array, storageKey: string): Buffer {
    try {
      return super.open(entry, storageKey);
    } catch (error) {
      // The mistake: every failure is called tampering.
      if (error instanceof Refused && error.reason === 'unknown-key') throw new Refused('tampered');
      throw error;
    }
  }
}
