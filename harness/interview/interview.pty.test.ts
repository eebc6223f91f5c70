/**
 * `npm run interview` through a real pseudo-terminal, as a person uses it: each test runs the
 * runner in its own tmux server (its own socket), types with send-keys and reads the screen with
 * capture-pane, polling until the expected text appears. A practice round, a short mock, and
 * Ctrl-C in the middle of a question (the terminal is left sane, the answered question saved).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { needBinary } from '../../lib/system-binary.js';
import { root } from '../registry.js';
import { loadBank } from './bank.js';
import type { Card } from './leitner.js';
import { plan } from './mock.js';
import type { Question } from './question.js';
import { Recorder } from './session.js';

/** The path of tmux, if the system has it. */
function findTmux(): string | undefined {
  const found = spawnSync('sh', ['-c', 'command -v tmux'], { encoding: 'utf8' });
  const path = found.stdout.trim();
  return found.status === 0 && path !== '' ? path : undefined;
}

const tmux = findTmux();
const available = needBinary('tmux', tmux, 'Debian: apt-get install -y tmux');
const bank: Question[] = loadBank();
const NOW = '2025-03-14T09:00:00Z';

/** `text` quoted for sh. */
function quote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/** One tmux server (its own socket) running one command in a 120x40 pane. */
class Pane {
  static #count = 0;
  readonly #socket = `cachecraft-test-${process.pid}-${Pane.#count++}`;

  /** Starts `command` (a sh command line) in the pane; the pane stays on screen after it exits. */
  constructor(config: string, command: string) {
    this.#tmux('-f', config, 'new-session', '-d', '-s', 'main', '-x', '120', '-y', '40', '-c', root, command);
  }

  #tmux(...args: string[]): string {
    const run = spawnSync(tmux!, ['-L', this.#socket, ...args], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`tmux ${args.join(' ')} failed: ${run.stderr}`);
    return run.stdout;
  }

  /** Types `text` literally, then Enter. */
  type(text: string): void {
    if (text !== '') this.#tmux('send-keys', '-t', 'main', '-l', text);
    this.#tmux('send-keys', '-t', 'main', 'Enter');
  }

  /** Sends keys by tmux name, e.g. `C-c`. */
  keys(...names: string[]): void {
    this.#tmux('send-keys', '-t', 'main', ...names);
  }

  /** Everything the pane has shown (its history and screen), wrapped lines joined. */
  text(): string {
    return this.#tmux('capture-pane', '-p', '-J', '-S', '-', '-t', 'main');
  }

  /** Polls the pane until `done(text)` holds; fails with the screen after `timeoutMs`. */
  async until(what: string, done: (text: string) => boolean, timeoutMs = 30_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const text = this.text();
      if (done(text)) return text;
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}. The pane shows:\n${text}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Polls the pane until `pattern` has appeared `times` times. */
  waitFor(pattern: string | RegExp, times = 1): Promise<string> {
    const count = (text: string): number =>
      typeof pattern === 'string' ? text.split(pattern).length - 1 : [...text.matchAll(new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`))].length;
    return this.until(`${times} × ${String(pattern)}`, (text) => count(text) >= times);
  }

  /** Stops the tmux server and everything in it. */
  kill(): void {
    spawnSync(tmux!, ['-L', this.#socket, 'kill-server']);
  }
}

let scratch: string;
let schedule: string;
let pane: Pane | undefined;

beforeEach(() => {
  scratch = mkdtempSync(join(tmpdir(), 'cachecraft-pty-'));
  schedule = join(scratch, 'interview.json');
  writeFileSync(join(scratch, 'tmux.conf'), 'set -g remain-on-exit on\nset -g history-limit 10000\n');
});

afterEach(() => {
  pane?.kill();
  pane = undefined;
  rmSync(scratch, { recursive: true, force: true });
});

/** Runs the interview runner with `args` in a pane; after it exits the pane shows `exit <code>`, and stty's settings are in `stty.txt`. */
function start(...args: string[]): Pane {
  const env = {
    TZ: 'UTC',
    CACHECRAFT_NOW: NOW,
    CACHECRAFT_INTERVIEW: schedule,
    CACHECRAFT_PROGRESS: join(scratch, 'progress.json'),
    CACHECRAFT_EXERCISES: join(scratch, 'exercises'),
  };
  const runner = ['env', ...Object.entries(env).map(([k, v]) => `${k}=${v}`), process.execPath, '--import', 'tsx', 'harness/interview/main.ts', ...args];
  const script = `${runner.map(quote).join(' ')}; echo "exit $?"; stty -a > ${quote(join(scratch, 'stty.txt'))}`;
  pane = new Pane(join(scratch, 'tmux.conf'), `sh -c ${quote(script)}`);
  return pane;
}

/** The questions of the schedule file. */
function saved(): Record<string, Card> {
  return (JSON.parse(readFileSync(schedule, 'utf8')) as { questions: Record<string, Card> }).questions;
}

describe.skipIf(!available)('npm run interview in a terminal', () => {
  it('a practice round: an answer over two lines, key points ticked, the next question, quit', async () => {
    const [first, second] = bank as [Question, Question];
    const p = start();
    await p.waitFor('Choose a topic');
    p.type('');
    await p.waitFor('Type your answer (an empty line ends it), or press Enter to think and reveal:');
    await p.waitFor(/^>( |$)/m);
    p.type('Access is skewed, so a small cache answers most requests;');
    await p.waitFor(/^>( |$)/m, 2);
    p.type('and RAM is a thousand times closer than the database.');
    await p.waitFor(/^>( |$)/m, 3);
    p.type('');
    await p.waitFor('Which key points did you cover?');
    p.type('1 x');
    await p.waitFor('"x" is not a key point');
    p.type('a');
    await p.waitFor('Enter for the next question');
    p.type('');
    await p.waitFor('Type your answer', 2);
    p.type('');
    await p.waitFor('Which key points did you cover?', 3);
    p.type('');
    await p.waitFor('Enter for the next question', 2);
    p.type('q');
    const text = await p.waitFor('exit 0');

    expect(text).toContain('> and RAM is a thousand times closer than the database.');
    expect(text).toMatch(new RegExp(`^── ${first.id} · \\d\\d [A-Z][a-z]+ · ${first.difficulty} · ${first.kind} · box 1 ──$`, 'm'));
    expect(text).toContain(`${first.keyPoints.length}/${first.keyPoints.length} key points (100%): box 1 → 2, next due 2025-03-15.`);
    expect(text).toContain(`0/${second.keyPoints.length} key points (0%): box 1 → 1, due again next session.`);
    expect(text).toContain('Progress saved: 2 answered questions in');
    const cards = saved();
    expect(cards[first.id]!.box).toBe(2);
    expect(cards[second.id]!.box).toBe(1);
  });

  it('a mock of 5 minutes with a visible timer, answered prompt by prompt until the summary', async () => {
    const questions = plan(bank, 5, { recorder: new Recorder({}, schedule), clock: () => Date.parse(NOW) });
    const p = start('--mock', '--minutes', '5');
    const prompt = /^\[mock \d+:\d\d left\] (>|Which key points did you cover\?)/gm;
    let answered = 0;
    for (;;) {
      const text = await p.until(`prompt ${answered + 1} or the summary`, (t) => [...t.matchAll(prompt)].length > answered || t.includes('exit 0'));
      if (text.includes('exit 0')) break;
      const lines = text.trimEnd().split('\n');
      const last = lines.at(-1)!;
      if (last.includes('Which key points')) p.type('a');
      else if (/Type your answer/.test(lines.at(-2) ?? '')) p.type(`my answer ${answered}`);
      else p.type('');
      answered++;
    }
    const text = p.text();
    expect(text).toMatch(/^\[mock (5:00|4:5\d) left\] Warm-up$/m);
    expect(text).toMatch(/^\[mock \d:\d\d left\] Follow-up: /m);
    expect(text).toContain('── Mock interview summary ──');
    expect(text).toMatch(/3 questions answered in \d:\d\d of 5:00\./);
    expect(text).toContain('Nothing to revisit: every key point was covered.');
    expect(Object.keys(saved())).toEqual(questions.map((q) => q.id));
    expect(Object.values(saved()).map((card) => card.box)).toEqual([2, 2, 2]);
  });

  it('Ctrl-C in the middle of a question: the saved line, the answered question in the file, a sane terminal, exit 130', async () => {
    const [first] = bank as [Question];
    const p = start();
    await p.waitFor('Choose a topic');
    p.type('');
    await p.waitFor('Type your answer');
    p.type('');
    await p.waitFor('Which key points did you cover?');
    p.type('a');
    await p.waitFor('Enter for the next question');
    p.type('');
    await p.waitFor('Type your answer', 2);
    p.keys('-l', 'half an answ');
    await p.waitFor('half an answ');
    p.keys('C-c');
    const text = await p.waitFor('exit 130');

    expect(text).toContain('Interrupted. Progress saved: 1 answered question in');
    expect(Object.keys(saved())).toEqual([first.id]);
    expect(saved()[first.id]!.box).toBe(2);
    const stty = join(scratch, 'stty.txt');
    await p.until('stty -a', () => existsSync(stty) && readFileSync(stty, 'utf8').includes('icanon'));
    const settings = readFileSync(stty, 'utf8').split(/\s+/);
    expect(settings).toContain('icanon');
    expect(settings).toContain('echo');
    expect(settings).not.toContain('-icanon');
    expect(settings).not.toContain('-echo');
  });
});
