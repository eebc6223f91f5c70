/**
 * Buggy variant: a new key is appended at the least recent end of the count-1 list (promoted keys go to the most recent end), so among count-1 keys the newest is evicted first.
 * @caughtBy tie-break-lru
 */
import { LFUCache as Base } from '../base/lfu.js';

export type { LFUOptions } from '../base/lfu.js';

/** A cache that evicts the least frequently used entry (oldest access first on ties). */
export class LFUCache<K, V> extends Base<K, V> {
  // The learner links a new key (count 1) in at the tail, the least recently used end.
  protected override pushFront(node: Base.Node<K, V>): void {
    if (node.count > 1) return super.pushFront(node);
    const list = this.listFor(node.count);
    node.older = undefined;
    node.newer = list.tail;
    if (list.tail === undefined) list.head = node;
    else list.tail.older = node;
    list.tail = node;
  }
}
