/** The text report of a grading: what a learner reads after `npm run exercise <id>`. */
import type { GradeReport, PropertyResult } from '../grade/result.js';
import { filesOf, findExercise } from '../registry.js';
import { relative } from 'node:path';
import { root } from '../registry.js';
import { c } from './term.js';

/** How to write the replay command for this grading. */
export interface ReplayInfo {
  /** Extra arguments that select the implementation: `--solution` or `--impl path`. */
  implArgs: string[];
}

const MARK: Record<PropertyResult['status'], string> = {
  passed: '✓',
  failed: '✗',
  'not-implemented': '○',
  timeout: '⏱',
  error: '!',
};

/** Formats a whole report; `verbose` adds stacks and passing details. */
export function formatReport(report: GradeReport, replay: ReplayInfo, verbose: boolean): string {
  const exercise = findExercise(report.exercise)!;
  const chapter = relative(root, filesOf(exercise).chapter);
  const out: string[] = [];
  out.push(c.bold(`${report.exercise} · ${report.implementation} · seed ${report.seed}`), '');

  if (report.status === 'not-started') {
    out.push(
      `${c.yellow('○ Not started.')} ${report.implementation} still throws "Not implemented".`,
      '',
      `  1. Read ${chapter}.`,
      `  2. Implement ${exercise.exports.join(', ')} in ${report.implementation}, following the contract at the top of the file.`,
      `  3. Run ${c.cyan(`npm run exercise ${report.exercise}`)} again (or ${c.cyan(`npm run watch ${report.exercise}`)} to re-grade on every save).`,
      `  Stuck? ${c.cyan(`npm run hint ${report.exercise}`)}`,
    );
    return out.join('\n');
  }
  if (report.status === 'compile-error' || report.status === 'missing-exports') {
    const title = report.status === 'compile-error' ? 'It does not compile or load:' : 'It does not export what the exercise needs:';
    out.push(`${c.red('✗')} ${report.implementation}: ${title}`, '', indent(report.problem ?? '', '  '));
    if (report.status === 'missing-exports') out.push('', `  Export: ${exercise.exports.map((e) => `export class ${e} …`).join(', ')}`);
    return out.join('\n');
  }

  const width = Math.max(...report.properties.map((p) => p.id.length));
  for (const p of report.properties) {
    const mark = p.status === 'passed' ? c.green(MARK[p.status]) : p.status === 'not-implemented' ? c.yellow(MARK[p.status]) : c.red(MARK[p.status]);
    const note = p.status === 'not-implemented' ? c.dim(`  (not implemented yet: ${missingPart(p)})`) : '';
    out.push(`  ${mark} ${p.id.padEnd(width)}  ${c.dim(p.statement)}${note}`);
    if (verbose && p.status === 'passed' && p.message) out.push(`      ${c.dim(p.message)}`);
  }

  for (const p of report.properties.filter((r) => r.status === 'failed' || r.status === 'timeout' || r.status === 'error')) {
    out.push('', c.red(`── ${MARK[p.status]} ${p.id} ${'─'.repeat(Math.max(4, 60 - p.id.length))}`));
    out.push(c.bold(p.statement));
    if (p.trace && p.trace.length > 0) {
      out.push('', '  Counterexample (shrunk):');
      for (const line of p.trace) out.push(`    ${line.includes(' → expected') || line.includes(', then ') || line.includes('threw ') ? c.red(line) : line}`);
    } else if (p.message) {
      out.push('', indent(p.message, '  '));
    }
    if (p.trace && p.message?.startsWith('your code threw')) out.push('', `  ${p.message}`);
    if (p.location) out.push(`  at ${c.cyan(p.location)}`);
    if (verbose && p.stack) out.push('', c.dim(indent(p.stack, '    ')));
    const args = [...replay.implArgs, '--seed', String(report.seed), '--only', p.id];
    out.push('', `  Replay: ${c.cyan(`npm run exercise ${report.exercise} -- ${args.join(' ')}`)}`);
    const next =
      p.status === 'timeout'
        ? 'Find the loop in the call named above that never ends: a linked list whose links form a cycle, or a search that never advances, are the usual suspects.'
        : p.hint;
    if (next) out.push(`  Next step: ${next}`);
  }

  if (report.output.trim()) out.push('', c.dim('Your code printed:'), indent(report.output.trimEnd(), '  │ '));

  const passed = report.properties.filter((p) => p.status === 'passed').length;
  const total = report.properties.length;
  out.push('');
  const time = c.dim(` (${(report.durationMs / 1000).toFixed(1)} s)`);
  if (report.status === 'passed') out.push(c.green(total === 1 ? '✓ The property holds.' : `✓ All ${total} properties hold.`) + time);
  else out.push(c.red(`✗ ${passed} of ${total} ${total === 1 ? 'property holds' : 'properties hold'}.`) + time);
  const missing = [...new Set(report.properties.filter((p) => p.status === 'not-implemented').map(missingPart))];
  if (missing.length > 0 && report.properties.every((p) => p.status === 'passed' || p.status === 'not-implemented')) {
    out.push(`Next: implement ${missing.join(', ')}, then run ${c.cyan(`npm run exercise ${report.exercise}`)} again.`);
  }
  return out.join('\n');
}

/** What a not-implemented property is waiting for: `LRUCache.keys`. */
function missingPart(p: PropertyResult): string {
  return (p.message ?? '').replace(/^Not implemented:?\s*/i, '').replace(/\(.*$/, '') || 'a method';
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((l) => prefix + l)
    .join('\n');
}
