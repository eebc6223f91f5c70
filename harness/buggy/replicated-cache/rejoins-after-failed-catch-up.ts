/**
 * Buggy variant: a recovered node returns to rotation once its catch-up writes were sent, even when some of them failed.
 * @caughtBy catch-up
 */
import { ReplicatedCache as Base } from '../base/replicated-cache.js';

export type { Versioned } from '../base/replicated-cache.js';

export class ReplicatedCache<V> extends Base<V> {
  // The mistake: the outcome of the catch-up writes is not looked at.
  protected override async recover(name: string): Promise<void> {
    const store = this.stores.get(name)!;
    try {
      await store.get('__probe__');
    } catch {
      return;
    }
    const confirmed = this.confirmed.get(name)!;
    const writes = [...this.acked]
      .filter(([key, { entry }]) => (confirmed.get(key) ?? 0) < entry.version)
      .map(([key, { entry }]) => store.set(key, entry).then(() => this.confirm(name, key, entry.version)));
    await Promise.allSettled(writes);
    if (!this.closed) this.inRotation.add(name);
  }
}
