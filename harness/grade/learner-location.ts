import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The first stack frame inside the learner's file, as `exercises/lru.ts:42:9`. */
export function learnerLocation(error: unknown, implPath: string): string | undefined {
  const stack = error instanceof Error ? error.stack : undefined;
  if (!stack) return undefined;
  for (const line of stack.split('\n').slice(1)) {
    const match = /\(?((?:file:\/\/)?[^\s()]+):(\d+):(\d+)\)?\s*$/.exec(line);
    if (!match) continue;
    const file = match[1]!.startsWith('file://') ? fileURLToPath(match[1]!) : match[1]!;
    if (file === implPath) return `${relative(process.cwd(), file)}:${match[2]}:${match[3]}`;
  }
  return undefined;
}

/** A module that failed to load, described as the compiler or runtime reported it, paths relative. */
export function describeLoadError(error: unknown, implPath: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const rel = relative(process.cwd(), implPath);
  const cleaned = message
    .replace(/^Transform failed with \d+ errors?:\n/, '')
    .split(implPath)
    .join(rel);
  const where = learnerLocation(error, implPath);
  return where && !cleaned.includes(rel) ? `${cleaned}\n    at ${where}` : cleaned;
}
