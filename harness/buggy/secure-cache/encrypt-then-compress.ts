/**
 * Buggy variant: the ciphertext is compressed instead of the plaintext; ciphertext looks random, so nothing ever gets smaller.
 * @caughtBy compress-then-encrypt
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { Refused, SecureCache as Base } from '../base/secure-cache.js';

export type { EncryptionKey, RejectReason, SecureCacheOptions } from '../base/secure-cache.js';

export class SecureCache<V = unknown> extends Base<V> {
  protected override toEntry(json: Buffer, storageKey: string): Uint8Array {
    const sealed = Buffer.from(this.seal(Buffer.concat([Buffer.of(0), json]), storageKey));
    // The mistake: compressing after encrypting.
    if (json.length > this.compressAbove) {
      const deflated = deflateRawSync(sealed);
      if (deflated.length < sealed.length) return Buffer.concat([Buffer.of(1), deflated]);
    }
    return Buffer.concat([Buffer.of(0), sealed]);
  }

  protected override fromEntry(entry: Uint8Array, storageKey: string): string {
    const bytes = Buffer.from(entry);
    let sealed: Buffer;
    try {
      sealed = bytes[0] === 1 ? inflateRawSync(bytes.subarray(1)) : bytes.subarray(1);
    } catch {
      throw new Refused('malformed');
    }
    return this.unpack(this.open(sealed, storageKey));
  }
}
