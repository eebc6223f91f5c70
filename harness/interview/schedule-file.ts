/**
 * The interview schedule file, `.workbook/interview.json` (git-ignored; `CACHECRAFT_INTERVIEW`
 * moves it): `{ "version": 1, "questions": { "<id>": Card } }`. It is written to a temporary
 * file that is then renamed over it, so a crash can never leave half a file.
 *
 * @module
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { root } from '../registry.js';
import type { Box, Card, Review, Schedule } from './leitner.js';

/** The schedule file cannot be read: its message says which file and what to do. */
export class ScheduleError extends Error {}

/** Where the schedule is kept (`CACHECRAFT_INTERVIEW` overrides it, for tests). */
export function schedulePath(): string {
  return process.env.CACHECRAFT_INTERVIEW ?? join(root, '.workbook', 'interview.json');
}

/** The path as a learner would type it: relative to the project root when inside it. */
export function displayPath(path: string): string {
  const inside = relative(root, path);
  return inside.startsWith('..') || inside === '' ? path : inside;
}

/** Reads the schedule; a missing file is an empty schedule, a damaged one a {@link ScheduleError}. */
export function readSchedule(path = schedulePath()): Schedule {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return {};
    throw error;
  }
  const damaged = (what: string): ScheduleError =>
    new ScheduleError(`The interview schedule ${displayPath(path)} ${what}. Fix it, or delete it to start the schedule over.`);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw damaged(`is not valid JSON (${(error as Error).message})`);
  }
  if (!isObject(data) || data.version !== 1 || !isObject(data.questions)) throw damaged('is not a version 1 schedule ({ "version": 1, "questions": {...} })');
  for (const [id, card] of Object.entries(data.questions)) if (!isCard(card)) throw damaged(`has a malformed entry for "${id}"`);
  return data.questions as Schedule;
}

/** Writes the whole schedule: to a temporary file first, then renamed over the old one. */
export function writeSchedule(schedule: Schedule, path = schedulePath()): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify({ version: 1, questions: schedule }, null, 2)}\n`);
  renameSync(temporary, path);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isDate(value: unknown): value is string {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value));
}

function isReview(value: unknown): value is Review {
  return isObject(value) && isDate(value.at) && Number.isInteger(value.covered) && Number.isInteger(value.total);
}

function isCard(value: unknown): value is Card {
  return (
    isObject(value) &&
    [1, 2, 3, 4, 5].includes(value.box as Box) &&
    isDate(value.lastSeen) &&
    isDate(value.due) &&
    Array.isArray(value.history) &&
    value.history.every(isReview)
  );
}
