/**
 * Buggy variant: what `crypto.createCipher` did on Node 20, emulated: AES-256-CBC with key and IV derived from the key bytes by EVP_BytesToKey (one round of MD5, no salt), a random IV prefixed but never used, so the same value always gives the same ciphertext (and nothing authenticates it).
 * @caughtBy fresh-iv
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { Refused, SecureCache as Base, VERSION } from '../base/secure-cache.js';

export type { EncryptionKey, RejectReason, SecureCacheOptions } from '../base/secure-cache.js';

/** OpenSSL's EVP_BytesToKey with MD5, one iteration and no salt: what createCipher used. */
function bytesToKey(password: Uint8Array): { key: Buffer; iv: Buffer } {
  const blocks: Buffer[] = [];
  let previous = Buffer.alloc(0);
  while (Buffer.concat(blocks).length < 48) {
    previous = createHash('md5').update(Buffer.concat([previous, password])).digest();
    blocks.push(previous);
  }
  const all = Buffer.concat(blocks);
  return { key: all.subarray(0, 32), iv: all.subarray(32, 48) };
}

export class SecureCache<V = unknown> extends Base<V> {
  protected override seal(plain: Buffer): Uint8Array {
    const { id, key } = this.writingKey();
    // The mistake: the IV is derived from the password, the same for every write; the random
    // one in the envelope is decoration (createCipher never took an IV).
    const derived = bytesToKey(key);
    const cipher = createCipheriv('aes-256-cbc', derived.key, derived.iv);
    return Buffer.concat([Buffer.of(VERSION, id), randomBytes(16), cipher.update(plain), cipher.final()]);
  }

  protected override open(entry: Uint8Array): Buffer {
    if (entry.length < 2 + 16 + 16 || entry[0] !== VERSION) throw new Refused('malformed');
    const key = this.readingKey(entry[1]!);
    if (key === undefined) throw new Refused('unknown-key');
    const derived = bytesToKey(key);
    const decipher = createDecipheriv('aes-256-cbc', derived.key, derived.iv);
    try {
      return Buffer.concat([decipher.update(Buffer.from(entry).subarray(18)), decipher.final()]);
    } catch {
      throw new Refused('tampered');
    }
  }
}
