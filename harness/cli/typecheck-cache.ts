/**
 * The cache of type warnings, `.workbook/typecheck.json`, keyed by a hash of the file's path and
 * content. Kept apart from the compiler so that a cache hit never loads TypeScript.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { root } from '../registry.js';

const CACHE = join(root, '.workbook', 'typecheck.json');

function readCache(): Record<string, string[]> {
  try {
    return JSON.parse(readFileSync(CACHE, 'utf8')) as Record<string, string[]>;
  } catch {
    return {};
  }
}

function keyOf(file: string): string {
  return createHash('sha256').update(file).update(readFileSync(file)).digest('hex').slice(0, 16);
}

/** The warnings recorded for this exact file content, if any were. */
export function cachedWarnings(file: string): string[] | undefined {
  return readCache()[keyOf(file)];
}

/** Records the warnings for this file content (silently skipped on a read-only checkout). */
export function storeWarnings(file: string, warnings: string[]): void {
  try {
    mkdirSync(dirname(CACHE), { recursive: true });
    writeFileSync(CACHE, JSON.stringify({ ...readCache(), [keyOf(file)]: warnings }));
  } catch {
    // Not cached; the warnings are still shown.
  }
}
