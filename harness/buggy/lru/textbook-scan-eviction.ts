/**
 * Buggy variant: each key carries a last-used timestamp and eviction scans every entry for the oldest one (the textbook LRU).
 * @caughtBy constant-time
 */
import { LRUCache as Base } from '../base/lru.js';

export type { LRUOptions } from '../base/lru.js';

/** A cache that evicts the least recently used entry when it is full. */
export class LRUCache<K, V> extends Base<K, V> {
  /** When each node was last used, on a counter that only goes up. */
  readonly #lastUsed = new WeakMap<Base.Node<K, V>, number>();
  #tick = 0;

  protected override pushFront(node: Base.Node<K, V>): void {
    super.pushFront(node);
    this.#lastUsed.set(node, ++this.#tick);
  }

  // The learner finds the victim by scanning every entry for the oldest timestamp.
  protected override evictionVictim(): Base.Node<K, V> | undefined {
    let victim: Base.Node<K, V> | undefined;
    let oldest = Infinity;
    for (const node of this.nodes.values()) {
      const tick = this.#lastUsed.get(node)!;
      if (tick < oldest) {
        oldest = tick;
        victim = node;
      }
    }
    return victim;
  }
}
