/**
 * The site's charts, each drawn at build time from seeded runs of the reference solutions. A
 * chapter places one with a line `<!-- chart: <id> -->`.
 *
 * @module
 */
import { evictionCharts } from './eviction.js';
import { hashingLoad } from './hashing.js';
import type { ChartSpec } from './spec.js';
import { writeThroughput } from './write-throughput.js';

export type { ChartSpec } from './spec.js';

/** Every chart, in chapter order; ids are unique. */
export const charts: readonly ChartSpec[] = [...evictionCharts, writeThroughput, hashingLoad];
