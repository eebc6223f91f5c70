/** A fresh grading seed: a non-negative 31-bit integer, printed so the run can be replayed. */
export function randomSeed(): number {
  return Math.floor(Math.random() * 0x7fffffff);
}

/** The seed of one property: stable for a (grading seed, property id) pair. FNV-1a. */
export function propertySeed(seed: number, id: string): number {
  let h = 0x811c9dc5;
  for (const ch of `${seed}:${id}`) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 1;
}
