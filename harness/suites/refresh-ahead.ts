/** The properties of refresh-ahead. */
import fc from 'fast-check';
import type { Suite } from '../grade/suite.js';
import { loadingProperty, validationProperty, type InputCase, type LoadingKind, type Setting } from './background-refresh-properties.js';

// Thresholds with few binary digits and TTLs divisible by 4, so refreshThreshold * ttlMs is an
// exact whole number of ms, and `age >= t * ttl`, `age / ttl >= t` and `ttl - age <= (1 - t) * ttl`
// agree at the boundary: the grader must not prefer one way of writing the comparison.
const TTLS = [100, 40, 1000, 12] as const;
const THRESHOLDS = [0.5, 0.75, 0.25] as const;

const setting = (ttlMs: number, refreshThreshold: number): Setting => ({
  options: { ttlMs, refreshThreshold },
  freshMs: refreshThreshold * ttlMs,
  usableMs: ttlMs,
});
const settings = fc.tuple(fc.constantFrom(...TTLS), fc.constantFrom(...THRESHOLDS)).map(([ttl, threshold]) => setting(ttl, threshold));

/** Refresh-ahead, as the shared properties see it. */
export const refreshAheadKind: LoadingKind = {
  className: 'RefreshAheadCache',
  settings,
  windowSettings: settings,
  freshLimit: (s) => `refreshThreshold × ttlMs = ${s.freshMs}`,
  usableLimit: (s) => `ttlMs = ${s.usableMs}`,
  refresh: 'refresh',
  reportsErrors: true,
};

const C = 'RefreshAheadCache';
const cases: InputCase[] = [
  { className: C, refuse: 'load must be a function', change: { load: undefined } },
  { className: C, refuse: 'load must be a function', change: { load: 'db.get' } },
  { className: C, refuse: 'ttlMs must be a positive finite number', change: { ttlMs: 0 } },
  { className: C, refuse: 'ttlMs must be a positive finite number', change: { ttlMs: -100 } },
  { className: C, refuse: 'ttlMs must be a positive finite number', change: { ttlMs: NaN } },
  { className: C, refuse: 'ttlMs must be a positive finite number', change: { ttlMs: Infinity } },
  { className: C, refuse: 'ttlMs must be a number', change: { ttlMs: '100' } },
  { className: C, refuse: 'refreshThreshold must be strictly between 0 and 1', change: { refreshThreshold: 0 } },
  { className: C, refuse: 'refreshThreshold must be strictly between 0 and 1', change: { refreshThreshold: 1 } },
  { className: C, refuse: 'refreshThreshold must be strictly between 0 and 1', change: { refreshThreshold: -0.5 } },
  { className: C, refuse: 'refreshThreshold must be strictly between 0 and 1', change: { refreshThreshold: 1.5 } },
  { className: C, refuse: 'refreshThreshold must be strictly between 0 and 1', change: { refreshThreshold: NaN } },
  { className: C, refuse: 'refreshThreshold must be a number', change: { refreshThreshold: '0.8' } },
  { className: C, refuse: 'onRefreshError, when given, must be a function', change: { onRefreshError: 'console.error' } },
  { className: C, refuse: 'onRefreshError, when given, must be a function', change: { onRefreshError: 42 } },
  { className: C, call: 'get', arg: 42 },
  { className: C, call: 'get', arg: undefined },
  { className: C, call: 'delete', arg: 42 },
  { className: C, accept: 'onRefreshError is optional', change: { onRefreshError: undefined } },
  { className: C, accept: 'any threshold strictly between 0 and 1', change: { refreshThreshold: 0.999 } },
];

/** The refresh-ahead suite. */
export const suite: Suite = {
  properties: [
    validationProperty({
      statement: 'bad options and keys are refused with a TypeError or RangeError',
      hint:
        'In the constructor, before storing anything: load must be a function, ttlMs a number > 0 and finite (Number.isFinite), refreshThreshold a number with 0 < t < 1, onRefreshError undefined or a function. In get and delete, check typeof key === "string" first.',
      cases,
      good: (_className, load, clock) => ({
        options: { load, ttlMs: 100, refreshThreshold: 0.5, clock, onRefreshError: () => {} },
      }),
    }),
    loadingProperty(refreshAheadKind, {
      id: 'fresh',
      statement: 'an entry younger than refreshThreshold × ttlMs is returned without calling load',
      hint:
        'Store { value, loadedAt } per key, with loadedAt = clock.now() read when the load RESOLVED, and serve the value while clock.now() - loadedAt < refreshThreshold * ttlMs, without calling load.',
      shape: 'fresh',
    }),
    loadingProperty(refreshAheadKind, {
      id: 'refresh-at-once',
      statement: 'from refreshThreshold × ttlMs of age (inclusive) until ttlMs, a get resolves with the cached value at once and starts a background refresh',
      hint:
        'In the window, start the refresh without awaiting it (this.refresh(key), no await) and return Promise.resolve(entry.value). The lower bound is inclusive: age >= refreshThreshold * ttlMs starts a refresh, and so does age == refreshThreshold * ttlMs exactly.',
      shape: 'at-once',
    }),
    loadingProperty(refreshAheadKind, {
      id: 'one-refresh',
      statement: 'however many gets arrive in the refresh window, each key has at most one load in flight',
      hint:
        'Keep a Map from key to the promise of its load in flight. Start a refresh only when the key has none, and remove the key from the Map when its load settles, either way. Keys are independent: one key\'s refresh must not stop another\'s.',
      shape: 'one-refresh',
    }),
    loadingProperty(refreshAheadKind, {
      id: 'refresh-replaces',
      statement: 'when a refresh resolves, its value is served and the entry\'s age starts again from the moment it resolved',
      hint:
        'When the refresh resolves, store { value, loadedAt: clock.now() } with the clock read THEN, in the then-callback, not when the refresh started, and not the old entry\'s loadedAt.',
      shape: 'replaces',
    }),
    loadingProperty(refreshAheadKind, {
      id: 'failed-refresh',
      statement: 'a failed refresh is reported to onRefreshError(error, key), and the old value is still served until it is ttlMs old',
      hint:
        'Catch the refresh\'s rejection: call onRefreshError(error, key) with the error itself, keep the old entry as it was, and clear the in-flight mark so the next get in the window may try again. Once age >= ttlMs, gets wait for a load.',
      shape: 'failed-refresh',
    }),
    loadingProperty(refreshAheadKind, {
      id: 'expired-loads',
      statement: 'a get of a missing key, or of an entry ttlMs old or older, waits for load; concurrent gets share one load and all get its value or its rejection, which is not cached',
      hint:
        'If nothing is cached or age >= ttlMs (>=, read from the clock you were given), return the promise of the key\'s load in flight, or start one and keep its promise until it settles. On a rejection remove it and cache nothing, so the next get loads again.',
      shape: ['missing', 'rejection', 'expired'],
    }),
    loadingProperty(refreshAheadKind, {
      id: 'delete',
      statement: 'delete(key) forgets the entry: a load or refresh still running for the key answers its own waiting gets, but neither puts its value back nor answers later gets',
      hint:
        'Give each key a generation number, or use the entry object itself as a token: delete removes it; a load stores its value only if its key still has the token it started with; a get after the delete finds no load in flight and starts its own.',
      shape: 'delete',
    }),
    loadingProperty(refreshAheadKind, {
      id: 'model',
      statement: 'any sequence of gets, deletes, clock moves and load answers agrees with the model, at every step',
      hint:
        'This property mixes everything. Write each key\'s value, its loadedAt and its load in flight beside the trace: the step marked wrong is the first place your cache and the model disagree.',
      shape: 'model',
      runs: 150,
    }),
  ],
};
