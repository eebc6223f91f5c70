/**
 * A per-key lock for asynchronous work, used by the pattern solutions: the tasks of one key
 * run one after another, in the order they were submitted; tasks of different keys run freely
 * side by side.
 *
 * It is a promise chain per key. The map holds, for each busy key, the *tail*: a promise that
 * settles when the last submitted task has finished. A new task is chained on that tail (a
 * task of an idle key starts at once). The tail never rejects (it settles the same way whether
 * the task resolved or rejected), so one failed task cannot break the chain for the tasks after
 * it; the caller still sees the failure in the promise `run` returns. When the last task of a
 * key finishes, the key leaves the map, so an idle lock holds nothing.
 *
 * @module
 */

/** Runs asynchronous tasks one at a time per key, first come, first served. */
export class KeyLock {
  /** key -> a promise that settles (never rejects) when the last task submitted for it is done. */
  readonly #tails = new Map<string, Promise<void>>();

  /**
   * Runs `task` once every task submitted earlier for `key` has finished: at once if there is none.
   * @returns what `task` returns (resolves or rejects with it).
   */
  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key);
    const result = previous === undefined ? start(task) : previous.then(task);
    const tail: Promise<void> = result.then(
      () => this.#release(key, tail),
      () => this.#release(key, tail),
    );
    this.#tails.set(key, tail);
    return result;
  }

  /** Whether a task for `key` is running or waiting. */
  has(key: string): boolean {
    return this.#tails.has(key);
  }

  /** How many keys have a task running or waiting (0 when the lock is idle). */
  get size(): number {
    return this.#tails.size;
  }

  /** Forgets `key` once the task that ended the chain `tail` is done, unless a newer task was chained. */
  #release(key: string, tail: Promise<void>): void {
    if (this.#tails.get(key) === tail) this.#tails.delete(key);
  }
}

/** Calls `task` now; a synchronous throw becomes a rejection, as it would in `then`. */
function start<T>(task: () => Promise<T>): Promise<T> {
  try {
    return Promise.resolve(task());
  } catch (error) {
    return Promise.reject(error);
  }
}
