/**
 * Buggy variant: delete removes the entry but keeps the key's count, so a deleted then re-inserted key resumes its old count.
 * @caughtBy delete-forgets-count
 */
import { LFUCache as Base } from '../base/lfu.js';

export type { LFUOptions } from '../base/lfu.js';

/** A cache that evicts the least frequently used entry (oldest access first on ties). */
export class LFUCache<K, V> extends Base<K, V> {
  /** The counts of the keys that delete removed. */
  readonly #deletedCounts = new Map<K, number>();

  // The learner's delete removes the entry but remembers its count.
  override delete(key: K): boolean {
    const node = this.find(key);
    if (node !== undefined) this.#deletedCounts.set(node.key, node.count);
    return super.delete(key);
  }

  // clear, at least, forgets every count.
  override clear(): void {
    super.clear();
    this.#deletedCounts.clear();
  }

  /** A key deleted earlier resumes its old count: one access for each use it had. */
  protected override insert(key: K, value: V): Base.Node<K, V> {
    const node = super.insert(key, value);
    for (let uses = this.#deletedCounts.get(key) ?? 0; uses > 0; uses--) this.touch(node);
    this.#deletedCounts.delete(key);
    return node;
  }
}
