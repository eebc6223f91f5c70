/**
 * The correct base of the predictive-warming variants: the reference solution itself, whose
 * protected hooks (`weight`, `victimIndex`, `replace`, `ranked`, `pool`, `warmKey`, `isCached`,
 * `store`, `report`, …) the variants override.
 */
export { PredictiveWarmer, RENORMALISE_AFTER, type Counter, type HotKey, type Outcome, type PredictiveWarmerOptions, type WarmFailure, type WarmReport } from '../../../solutions/predictive-warming.js';
