/**
 * Buggy variant: the plaintext from `decipher.update()` is used without calling `setAuthTag`/`final()`, so nothing is authenticated and a changed entry is read as a value.
 * @caughtBy tamper
 */
import { createDecipheriv } from 'node:crypto';
import { HEADER_BYTES, IV_BYTES, Refused, SecureCache as Base, VERSION } from '../base/secure-cache.js';

export type { EncryptionKey, RejectReason, SecureCacheOptions } from '../base/secure-cache.js';

export class SecureCache<V = unknown> extends Base<V> {
  protected override open(entry: Uint8Array, storageKey: string): Buffer {
    if (entry.length < HEADER_BYTES + 1 || entry[0] !== VERSION) throw new Refused('malformed');
    const key = this.readingKey(entry[1]!);
    if (key === undefined) throw new Refused('unknown-key');
    const bytes = Buffer.from(entry);
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(2, 2 + IV_BYTES));
    decipher.setAAD(this.aad(storageKey));
    // The mistake: update() alone; the tag is never checked.
    return decipher.update(bytes.subarray(HEADER_BYTES));
  }

  protected override unpack(plain: Buffer): string {
    try {
      const json = super.unpack(plain);
      JSON.parse(json);
      return json;
    } catch {
      // Whatever garbage came out is only refused when it is not even JSON.
      throw new Refused('malformed');
    }
  }
}
