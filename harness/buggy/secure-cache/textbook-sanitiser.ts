/**
 * Buggy variant: the syllabus's key sanitiser, `key.replace(/[^a-zA-Z0-9:_-]/g, '_')`, sends `a/b` and `a_b` (and `é` and `_`) to one store entry, so one user reads another's value.
 * @caughtBy injective-keys
 */
import { SecureCache as Base } from '../base/secure-cache.js';

export type { EncryptionKey, RejectReason, SecureCacheOptions } from '../base/secure-cache.js';

export class SecureCache<V = unknown> extends Base<V> {
  protected override storageKey(key: string): string {
    // The mistake: "sanitising" is not injective; distinct keys become one entry.
    return `${this.namespace.length}:${this.namespace}:${key.replace(/[^a-zA-Z0-9:_-]/g, '_')}`;
  }
}
