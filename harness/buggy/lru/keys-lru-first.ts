/**
 * Buggy variant: keys() walks the list from the tail, listing the least recently used key first.
 * @caughtBy keys-order
 */
import { LRUCache as Base } from '../base/lru.js';

export type { LRUOptions } from '../base/lru.js';

/** A cache that evicts the least recently used entry when it is full. */
export class LRUCache<K, V> extends Base<K, V> {
  // The learner walks the list from the tail, the least recently used end.
  override *keys(): IterableIterator<K> {
    for (let node = this.tail; node !== undefined; node = node.newer) yield node.key;
  }
}
