/**
 * Buggy variant: set writes the key to its node and to the next node too, "for safety", which delete never cleans up.
 * @caughtBy routing
 */
import { ShardedCache as Base } from '../base/sharded-cache.js';

export class ShardedCache<V> extends Base<V> {
  // The mistake: a second copy on another node, which the contract forbids and a later read may find stale.
  protected override async write(node: string, key: string, value: V, ttlMs: number | undefined): Promise<void> {
    await super.write(node, key, value, ttlMs);
    const names = this.nodes;
    const next = names[(names.indexOf(node) + 1) % names.length]!;
    if (next !== node) await this.stores.get(next)!.set(key, value, ttlMs);
  }
}
