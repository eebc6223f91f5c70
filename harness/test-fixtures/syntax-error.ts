// A learner's file that does not compile (kept out of tsconfig on purpose).
export class LRUCache {
  get(key: unknown {
    return key;
  }
}
