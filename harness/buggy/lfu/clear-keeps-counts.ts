/**
 * Buggy variant: clear removes the entries but keeps every key's count, so a key inserted again after clear resumes its old count.
 * @caughtBy model
 */
import { LFUCache as Base } from '../base/lfu.js';

export type { LFUOptions } from '../base/lfu.js';

/** A cache that evicts the least frequently used entry (oldest access first on ties). */
export class LFUCache<K, V> extends Base<K, V> {
  /** The counts of the keys that clear dropped. */
  readonly #clearedCounts = new Map<K, number>();

  // The learner's clear drops the entries but remembers every key's count.
  override clear(): void {
    for (const node of this.nodes.values()) this.#clearedCounts.set(node.key, node.count);
    super.clear();
  }

  /** A key cleared earlier resumes its old count: one access for each use it had. */
  protected override insert(key: K, value: V): Base.Node<K, V> {
    const node = super.insert(key, value);
    for (let uses = this.#clearedCounts.get(key) ?? 0; uses > 0; uses--) this.touch(node);
    this.#clearedCounts.delete(key);
    return node;
  }
}
