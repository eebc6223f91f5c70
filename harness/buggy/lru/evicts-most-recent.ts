/**
 * Buggy variant: eviction takes the head of the list, which is the most recently used entry, instead of the tail, the least recently used.
 * @caughtBy eviction-order
 */
import { LRUCache as Base } from '../base/lru.js';

export type { LRUOptions } from '../base/lru.js';

/** A cache that evicts the least recently used entry when it is full. */
export class LRUCache<K, V> extends Base<K, V> {
  // The learner takes the victim from the head, the most recently used end of the list.
  protected override evictionVictim(): Base.Node<K, V> | undefined {
    return this.head;
  }
}
