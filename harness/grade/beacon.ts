/**
 * The beacon: a few bytes of shared memory in which the grading worker writes what it is
 * doing right now, so that the main thread can name the operation a hung implementation is
 * stuck in after it has stopped the worker.
 */
const CAPACITY = 512;

/** Shared memory for one beacon; create it in the main thread and pass it to the worker. */
export function createBeaconBuffer(): SharedArrayBuffer {
  return new SharedArrayBuffer(4 + CAPACITY);
}

let bytes: Uint8Array | undefined;
let length: Int32Array | undefined;
const encoder = new TextEncoder();

/** Attaches this thread's writer to a beacon buffer (no-op writes until called). */
export function attachBeacon(buffer: SharedArrayBuffer): void {
  length = new Int32Array(buffer, 0, 1);
  bytes = new Uint8Array(buffer, 4, CAPACITY);
}

/** Records what the worker is about to do. Cheap: a short string copied into shared memory. */
export function signal(activity: string): void {
  if (!bytes || !length) return;
  const { written } = encoder.encodeInto(activity, bytes);
  Atomics.store(length, 0, written);
}

/** Reads the last activity written to a beacon buffer. */
export function readBeacon(buffer: SharedArrayBuffer): string {
  const n = Atomics.load(new Int32Array(buffer, 0, 1), 0);
  return new TextDecoder().decode(new Uint8Array(buffer, 4, CAPACITY).slice(0, n));
}
