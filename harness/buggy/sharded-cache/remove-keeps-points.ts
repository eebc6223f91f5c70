/**
 * Buggy variant: removeNode forgets the node's store but leaves its points on the ring, so nodeFor still names it.
 * @caughtBy remove-node
 */
import { ShardedCache as Base } from '../base/sharded-cache.js';

export class ShardedCache<V> extends Base<V> {
  override removeNode(name: string): number {
    if (typeof name !== 'string') throw new TypeError('ShardedCache.removeNode: name must be a string');
    if (!this.stores.has(name)) throw new RangeError(`ShardedCache.removeNode: name "${name}" is not a node`);
    this.checkNotLast(name);
    // The mistake: only the Map is changed; the ring still sends the node's keys to it.
    return this.reshard(() => this.stores.delete(name));
  }
}
