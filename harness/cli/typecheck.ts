/**
 * Type errors in the learner's file, reported by the TypeScript compiler as warnings: they never
 * block grading (the grader runs the code either way), but they usually point at a real bug.
 */
import { join, relative } from 'node:path';
import ts from 'typescript';
import { root } from '../registry.js';
import { storeWarnings } from './typecheck-cache.js';

/** Type errors in `file` as `path:line:col - message` lines (empty if none); also cached. */
export function typeWarnings(file: string): string[] {
  const config = ts.readConfigFile(join(root, 'tsconfig.json'), (p) => ts.sys.readFile(p));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  const program = ts.createProgram([file], { ...parsed.options, noEmit: true });
  const source = program.getSourceFile(file);
  if (!source) return [];
  const diagnostics = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
  const warnings = diagnostics.map((d) => {
    const { line, character } = d.start === undefined ? { line: 0, character: 0 } : source.getLineAndCharacterOfPosition(d.start);
    return `${relative(process.cwd(), file)}:${line + 1}:${character + 1} - ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
  storeWarnings(file, warnings);
  return warnings;
}
