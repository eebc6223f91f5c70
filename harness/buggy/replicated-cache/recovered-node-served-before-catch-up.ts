/**
 * Buggy variant: a node that answers its probe returns to rotation at once, without being written what it missed.
 * @caughtBy catch-up
 */
import { ReplicatedCache as Base } from '../base/replicated-cache.js';

export type { Versioned } from '../base/replicated-cache.js';

export class ReplicatedCache<V> extends Base<V> {
  // The mistake: "it answers" is taken for "it is current".
  protected override async recover(name: string): Promise<void> {
    try {
      await this.stores.get(name)!.get('__probe__');
    } catch {
      return;
    }
    if (!this.closed) this.inRotation.add(name);
  }
}
