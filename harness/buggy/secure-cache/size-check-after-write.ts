/**
 * Buggy variant: the size limit is checked after the value was written, so an over-size value replaces the previous entry before the RangeError.
 * @caughtBy validation
 */
import { SecureCache as Base, serialise } from '../base/secure-cache.js';

export type { EncryptionKey, RejectReason, SecureCacheOptions } from '../base/secure-cache.js';

export class SecureCache<V = unknown> extends Base<V> {
  override async set(key: string, value: V, ttlMs?: number): Promise<void> {
    if (typeof key !== 'string') throw new TypeError('SecureCache.set: key must be a string');
    const json = serialise(value);
    if (ttlMs !== undefined && !(typeof ttlMs === 'number' && ttlMs > 0)) throw new RangeError('SecureCache.set: ttlMs must be positive');
    const storageKey = this.storageKey(key);
    await this.write(storageKey, this.toEntry(Buffer.from(json, 'utf8'), storageKey), ttlMs);
    // The mistake: too late, the store already holds the over-size value.
    if (this.byteSize(json) > this.maxValueBytes) throw new RangeError('SecureCache.set: value is larger than maxValueBytes');
  }
}
