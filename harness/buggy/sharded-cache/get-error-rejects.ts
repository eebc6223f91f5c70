/**
 * Buggy variant: a failing node makes get reject, instead of answering a miss.
 * @caughtBy node-errors
 */
import { ShardedCache as Base } from '../base/sharded-cache.js';

export class ShardedCache<V> extends Base<V> {
  // The mistake: one node down fails every read of its keys, though a cache miss would do.
  protected override failedRead(error: unknown, node: string, key: string): void {
    super.failedRead(error, node, key);
    throw error;
  }
}
