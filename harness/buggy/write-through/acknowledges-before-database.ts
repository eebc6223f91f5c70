/**
 * Buggy variant: resolves set as soon as the database write has been sent, not when it has succeeded.
 * @caughtBy write-order
 */
import { WriteThrough as Base } from '../base/write-through.js';

export class WriteThrough<V> extends Base<V> {
  // The mistake: the database write is not awaited.
  protected override async writeThrough(key: string, value: V): Promise<void> {
    const written = this.db.set(key, value);
    written.catch(() => undefined);
    await this.cache.set(key, value, this.ttlMs);
  }
}
