/**
 * Type errors in the learner's file, reported by the TypeScript compiler as warnings: they never
 * block grading (the grader runs the code either way), but they usually point at a real bug.
 * Results are cached by file hash in .workbook/, since a type check takes about a second.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';
import { root } from '../registry.js';

const CACHE = join(root, '.workbook', 'typecheck.json');

/** Type errors in `file` as `path:line:col - message` lines (empty if none). */
export function typeWarnings(file: string): string[] {
  const hash = createHash('sha256').update(readFileSync(file)).update(file).digest('hex').slice(0, 16);
  let cache: Record<string, string[]> = {};
  try {
    cache = JSON.parse(readFileSync(CACHE, 'utf8')) as Record<string, string[]>;
  } catch {
    // No cache yet.
  }
  const hit = cache[hash];
  if (hit) return hit;
  const warnings = check(file);
  try {
    mkdirSync(dirname(CACHE), { recursive: true });
    writeFileSync(CACHE, JSON.stringify({ ...cache, [hash]: warnings }));
  } catch {
    // A read-only checkout still gets its warnings, just not cached.
  }
  return warnings;
}

function check(file: string): string[] {
  const config = ts.readConfigFile(join(root, 'tsconfig.json'), (p) => ts.sys.readFile(p));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  const program = ts.createProgram([file], { ...parsed.options, noEmit: true });
  const source = program.getSourceFile(file);
  if (!source) return [];
  const diagnostics = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
  return diagnostics.map((d) => {
    const { line, character } = d.start === undefined ? { line: 0, character: 0 } : source.getLineAndCharacterOfPosition(d.start);
    return `${relative(process.cwd(), file)}:${line + 1}:${character + 1} - ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}
