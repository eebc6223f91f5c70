/**
 * Buggy variant: recency is an array of entries, and get, set and delete find an entry with indexOf and splice it out, a scan of every entry.
 * @caughtBy constant-time
 */
import { LRUCache as Base } from '../base/lru.js';

export type { LRUOptions } from '../base/lru.js';

/** A cache that evicts the least recently used entry when it is full. */
export class LRUCache<K, V> extends Base<K, V> {
  /** The recency order as an array, least recently used first (the list is not used). */
  #order: Base.Node<K, V>[] = [];

  // The learner keeps recency in an array, so taking a node out is an indexOf scan and a splice.
  protected override unlink(node: Base.Node<K, V>): void {
    this.#order.splice(this.#order.indexOf(node), 1);
  }

  protected override pushFront(node: Base.Node<K, V>): void {
    this.#order.push(node);
  }

  protected override evictionVictim(): Base.Node<K, V> | undefined {
    return this.#order[0];
  }

  override *keys(): IterableIterator<K> {
    for (let i = this.#order.length - 1; i >= 0; i--) yield this.#order[i]!.key;
  }

  override clear(): void {
    super.clear();
    this.#order = [];
  }
}
