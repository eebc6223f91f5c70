/**
 * Buggy variant: the value is stored base64-encoded behind a well-formed header: encoding hides nothing.
 * @caughtBy no-plaintext
 */
import { HEADER_BYTES, Refused, SecureCache as Base, VERSION } from '../base/secure-cache.js';

export type { EncryptionKey, RejectReason, SecureCacheOptions } from '../base/secure-cache.js';

export class SecureCache<V = unknown> extends Base<V> {
  protected override seal(plain: Buffer): Uint8Array {
    // The mistake: base64 is an encoding, not encryption.
    return Buffer.concat([Buffer.of(VERSION, this.writingKey().id), Buffer.alloc(HEADER_BYTES - 2), Buffer.from(plain.toString('base64'), 'latin1')]);
  }

  protected override open(entry: Uint8Array): Buffer {
    if (entry.length < HEADER_BYTES + 1 || entry[0] !== VERSION) throw new Refused('malformed');
    if (this.readingKey(entry[1]!) === undefined) throw new Refused('unknown-key');
    const text = Buffer.from(entry).subarray(HEADER_BYTES).toString('latin1');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) throw new Refused('tampered');
    return Buffer.from(text, 'base64');
  }
}
