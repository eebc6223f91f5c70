/**
 * Buggy variant: the error of `decipher.final()` on a tampered entry escapes `get` instead of making it a miss.
 * @caughtBy tamper
 */
import { Refused, SecureCache as Base } from '../base/secure-cache.js';

export type { EncryptionKey, RejectReason, SecureCacheOptions } from '../base/secure-cache.js';

export class SecureCache<V = unknown> extends Base<V> {
  protected override open(entry: Uint8Array, storageKey: string): Buffer {
    try {
      return super.open(entry, storageKey);
    } catch (error) {
      // The mistake: no try/catch around final(): the authentication error reaches the caller.
      if (error instanceof Refused && error.reason === 'tampered') throw new Error('Unsupported state or unable to authenticate data');
      throw error;
    }
  }
}
