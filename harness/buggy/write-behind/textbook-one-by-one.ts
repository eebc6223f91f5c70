/**
 * Buggy variant: like the textbook's loop of `database.set` / `database.delete`, each write of a batch is sent on its own instead of with one `db.writeBatch`.
 * @caughtBy batches
 */
import type { FailedWrite, Write } from '../../../exercises/workbook.js';
import { WriteBehind as Base } from '../base/write-behind.js';

export type { WriteBehindOptions } from '../base/write-behind.js';

export class WriteBehind<V> extends Base<V> {
  protected override async writeToDatabase(writes: Write<V>[]): Promise<readonly FailedWrite<V>[]> {
    // The mistake: one database call per write, not one writeBatch per batch.
    const failed: FailedWrite<V>[] = [];
    for (const write of writes) {
      try {
        if (write.kind === 'set') await this.db.set(write.key, write.value);
        else await this.db.delete(write.key);
      } catch (error) {
        failed.push({ write, error });
      }
    }
    return failed;
  }
}
