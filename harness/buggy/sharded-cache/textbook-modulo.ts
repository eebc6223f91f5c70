/**
 * Buggy variant: hash(key) % n over the node names instead of a ring, so adding a node moves most keys, between old nodes too.
 * @caughtBy add-node
 */
import { hash32, ShardedCache as Base, type Ring } from '../base/sharded-cache.js';

/** The textbook placement: the key's hash modulo the number of nodes, over the names in sorted order. */
class ModuloRing implements Ring {
  #names: string[] = [];

  add(node: string): void {
    this.#names = [...this.#names, node].sort();
  }

  remove(node: string): void {
    this.#names = this.#names.filter((name) => name !== node);
  }

  nodeFor(key: string): string {
    return this.#names[hash32(key) % this.#names.length]!;
  }
}

export class ShardedCache<V> extends Base<V> {
  // The mistake: with hash % n, a change of n moves about n/(n+1) of the keys, most of them between old nodes.
  protected override createRing(): Ring {
    return new ModuloRing();
  }
}
