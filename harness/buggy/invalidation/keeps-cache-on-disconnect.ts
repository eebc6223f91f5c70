/**
 * Buggy variant: on disconnected() the node stops serving from its cache but keeps the entries, and serves them again after reconnecting, though it may have missed their invalidation.
 * @caughtBy disconnect
 */
import { InvalidatingCache as Base } from '../base/invalidation.js';

export class InvalidatingCache<V> extends Base<V> {
  // The mistake: no dropAll(); the entries wait, untrusted, for the connection to come back.
  protected override onDisconnected(): void {
    this.connected = false;
    this.epoch++;
    for (const flight of this.flights) flight.spoiled = true;
  }
}
