/**
 * Buggy variant: a write is sent to the nodes one after another, each after the previous answered, so one slow node delays every write.
 * @caughtBy quorum-ack
 */
import { ReplicatedCache as Base, type Versioned } from '../base/replicated-cache.js';

export type { Versioned } from '../base/replicated-cache.js';

export class ReplicatedCache<V> extends Base<V> {
  // The mistake: the nodes are awaited in turn instead of written concurrently.
  protected override async write(key: string, entry: Versioned<V>, ttlMs: number | undefined): Promise<void> {
    let ok = 0;
    let lastError: unknown;
    for (const name of this.writeTargets()) {
      try {
        await this.stores.get(name)!.set(key, entry, ttlMs);
        this.confirm(name, key, entry.version);
        ok++;
      } catch (error) {
        this.fail(name, error);
        lastError = error;
      }
    }
    if (ok < this.needed()) throw lastError instanceof Error ? lastError : new Error(`ReplicatedCache: write of ${JSON.stringify(key)} reached ${ok} nodes`);
    this.acknowledge(key, entry, ttlMs);
  }
}
