/**
 * Buggy variant: set on an existing key replaces the value but does not add 1 to its count (nor count as an access).
 * @caughtBy evicts-least-frequent
 */
import { LFUCache as Base } from '../base/lfu.js';

export type { LFUOptions } from '../base/lfu.js';

/** A cache that evicts the least frequently used entry (oldest access first on ties). */
export class LFUCache<K, V> extends Base<K, V> {
  // The learner replaces the value but forgets to touch the node.
  protected override overwrite(node: Base.Node<K, V>, value: V): void {
    node.value = value;
  }
}
