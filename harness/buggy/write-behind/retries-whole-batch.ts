/**
 * Buggy variant: when a batch resolves with some failed writes, every write of the batch is retried, the ones already in the database too.
 * @caughtBy retry-backoff
 */
import type { FailedWrite } from '../../../exercises/workbook.js';
import { WriteBehind as Base, type Entry } from '../base/write-behind.js';

export type { WriteBehindOptions } from '../base/write-behind.js';

export class WriteBehind<V> extends Base<V> {
  protected override failedWrites(batch: readonly Entry<V>[], failed: readonly FailedWrite<V>[]): Map<string, unknown> {
    const failures = super.failedWrites(batch, failed);
    if (failures.size === 0) return failures;
    // The mistake: one failed write marks the whole batch as failed.
    const error = failed[0]!.error;
    return new Map(batch.map((entry) => [entry.write.key, failures.has(entry.write.key) ? failures.get(entry.write.key) : error]));
  }
}
