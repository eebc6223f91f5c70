/**
 * Buggy variant: clear calls onEvict for every entry it drops.
 * @caughtBy delete-forgets-count
 */
import { LFUCache as Base } from '../base/lfu.js';

export type { LFUOptions } from '../base/lfu.js';

/** A cache that evicts the least frequently used entry (oldest access first on ties). */
export class LFUCache<K, V> extends Base<K, V> {
  override clear(): void {
    // The learner reports every cleared entry to onEvict, as if it had been evicted.
    for (const node of this.nodes.values()) this.onEvict?.(node.key, node.value);
    super.clear();
  }
}
