/**
 * Buggy variant: the size limit compares `json.length` (UTF-16 code units) with maxValueBytes, so a value of multi-byte characters passes over the limit.
 * @caughtBy size-limit
 */
import { SecureCache as Base } from '../base/secure-cache.js';

export type { EncryptionKey, RejectReason, SecureCacheOptions } from '../base/secure-cache.js';

export class SecureCache<V = unknown> extends Base<V> {
  protected override byteSize(json: string): number {
    // The mistake: "é" counts 1, but it is 2 bytes in UTF-8.
    return json.length;
  }
}
