/**
 * The correct base of the replicated-cache variants: the reference solution itself, whose
 * protected hooks (`write`, `usable`, `needed`, `failedRead`, …) the variants override.
 */
export { ReplicatedCache, type ReplicatedCacheOptions, type Versioned } from '../../../solutions/replicated-cache.js';
