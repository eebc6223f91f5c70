/**
 * `npm run interview` as a script uses it: spawned with its output piped (no colour, its own
 * schedule and progress files, a fixed start time), the non-interactive flags, and a practice
 * round and a mock with piped answers. Then the mock in-process on a clock that runs out.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { root } from '../registry.js';
import { loadBank } from './bank.js';
import type { LineInput } from './io.js';
import type { Card, Schedule } from './leitner.js';
import { deepDives, mock, plan } from './mock.js';
import type { Question } from './question.js';
import { Recorder } from './session.js';

const NOW = '2025-03-14T09:00:00Z';
const bank: Question[] = loadBank();

let scratch: string;
let schedule: string;

beforeEach(() => {
  scratch = mkdtempSync(join(tmpdir(), 'cachecraft-interview-'));
  schedule = join(scratch, 'interview.json');
});

afterEach(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs `npm run interview -- <args>` with `input` piped to it. */
function interview(args: string[], input = ''): { code: number; out: string; err: string } {
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'harness', 'interview', 'main.ts'), ...args], {
    cwd: root,
    input,
    encoding: 'utf8',
    env: {
      ...process.env,
      NO_COLOR: '1',
      TZ: 'UTC',
      CACHECRAFT_NOW: NOW,
      CACHECRAFT_INTERVIEW: schedule,
      CACHECRAFT_PROGRESS: join(scratch, 'progress.json'),
      CACHECRAFT_EXERCISES: join(scratch, 'exercises'),
    },
    timeout: 60_000,
  });
  return { code: run.status ?? -1, out: run.stdout, err: run.stderr };
}

/** The questions of the schedule file. */
function saved(): Record<string, Card> {
  return (JSON.parse(readFileSync(schedule, 'utf8')) as { version: number; questions: Record<string, Card> }).questions;
}

/** A title as the runner shows it without colour: inline code as its text. */
function plain(title: string): string {
  return title.replaceAll('`', '');
}

/** Writes a schedule file holding `cards`. */
function seed(cards: Schedule): void {
  writeFileSync(schedule, JSON.stringify({ version: 1, questions: cards }));
}

describe('npm run interview, non-interactive', () => {
  it('--json prints the bank: at least 40 questions, each complete', () => {
    const { code, out } = interview(['--json']);
    expect(code).toBe(0);
    const questions = JSON.parse(out) as Question[];
    expect(questions.length).toBeGreaterThanOrEqual(40);
    expect(questions.map((q) => q.id)).toEqual(bank.map((q) => q.id));
    for (const q of questions) {
      expect(q.keyPoints.length).toBeGreaterThanOrEqual(3);
      expect(q.sections.length).toBeGreaterThanOrEqual(1);
      expect(q.answer).not.toBe('');
    }
  });

  it('--list shows every question by chapter, with its box and due date from the schedule', () => {
    const [first, second] = bank;
    seed({ [first!.id]: { box: 3, lastSeen: '2025-03-13T09:00:00.000Z', due: '2025-03-20T09:00:00.000Z', history: [] } });
    const { code, out } = interview(['--list']);
    expect(code).toBe(0);
    for (const q of bank) expect(out).toContain(q.id);
    expect(out).toContain('01 Fundamentals');
    const line = (id: string): string => out.split('\n').find((l) => l.trimStart().startsWith(`${id} `))!;
    expect(line(first!.id)).toMatch(new RegExp(`${first!.difficulty}\\s+${first!.kind}\\s+box 3, due 2025-03-20\\s+`));
    expect(line(first!.id)).toContain(plain(first!.title));
    expect(line(second!.id)).toContain('box 1, new');
  });

  it('--list --topic lists only the questions of that topic', () => {
    const topic = bank.at(-1)!.topics[0]!;
    const { code, out } = interview(['--list', '--topic', topic]);
    expect(code).toBe(0);
    for (const q of bank) {
      if (q.topics.includes(topic)) expect(out).toContain(q.id);
      else expect(out).not.toMatch(new RegExp(`^\\s+${q.id}\\s`, 'm'));
    }
  });

  it('--id prints one question in full: answer, numbered key points, sections, exercises and demo', () => {
    const q = bank.find((question) => question.exercises.length > 0 && question.demo !== undefined)!;
    const { code, out } = interview(['--id', q.id]);
    expect(code).toBe(0);
    for (const heading of ['Question', 'Model answer', 'Key points', 'Follow-ups', 'Common wrong answers', 'Chapter sections', 'Exercises', 'Demo']) {
      expect(out).toMatch(new RegExp(`^${heading}$`, 'm'));
    }
    expect(out).toMatch(new RegExp(`^\\s+${q.keyPoints.length}\\. `, 'm'));
    for (const link of q.sections) expect(out).toContain(`${link.file}#${link.anchor}`);
    for (const id of q.exercises) expect(out).toContain(`npm run exercise ${id}`);
    expect(out).toContain(`npm run demo ${q.demo}`);
  });

  it('--demo runs the question\'s demonstration', () => {
    const q = bank.find((question) => question.demo === 'cache-aside')!;
    const { code, out } = interview(['--demo', q.id]);
    expect(code).toBe(0);
    expect(out).toContain('demo cache-aside');
    expect(out).toMatch(/STALE/);
  });

  it('exits 2 for an unknown id or topic, a question without a demo, or a bad option, naming what exists', () => {
    const unknownId = interview(['--id', 'no-such-question']);
    expect(unknownId.code).toBe(2);
    expect(unknownId.err).toContain('There is no question "no-such-question". The ids: ');
    expect(unknownId.err).toContain(bank[0]!.id);

    const unknownTopic = interview(['--list', '--topic', 'no-such-topic']);
    expect(unknownTopic.code).toBe(2);
    expect(unknownTopic.err).toMatch(new RegExp(`There is no topic "no-such-topic"\\. The topics: .*${bank[0]!.topics[0]} \\(\\d+\\)`));

    const noDemo = interview(['--demo', bank.find((q) => q.demo === undefined)!.id]);
    expect(noDemo.code).toBe(2);
    expect(noDemo.err).toMatch(/has no demo\. The questions with one: \S+ \(\S+\)/);

    const minutes = interview(['--mock', '--minutes', '4']);
    expect(minutes.code).toBe(2);
    expect(minutes.err).toContain('--minutes must be a whole number from 5 to 180 (got "4")');
  });
});

describe('npm run interview, answers piped', () => {
  it('a practice round: two questions answered, all points then none, saved as box 2 and box 1', () => {
    const [first, second] = bank as [Question, Question];
    const input = [
      '', // let the schedule choose: the bank's order, as nothing was seen
      'A cache helps because access is skewed,',
      'and RAM is far faster than a round trip.',
      '',
      '9', // not a key point: asked again
      'a',
      '', // next question
      '', // think, then reveal
      '', // none covered
      'q',
    ].join('\n');
    const { code, out } = interview([], `${input}\n`);
    expect(code).toBe(0);
    expect(out).toContain(`${bank.length} of ${bank.length} questions are due (${bank.length} never seen).`);
    expect(out).toContain('> and RAM is far faster than a round trip.');
    expect(out).toContain(`"9" is not a key point: type numbers from 1 to ${first.keyPoints.length}`);
    const total = (q: Question): number => q.keyPoints.length;
    expect(out).toContain(`${total(first)}/${total(first)} key points (100%): box 1 → 2, next due 2025-03-15.`);
    expect(out).toContain(`0/${total(second)} key points (0%): box 1 → 1, due again next session.`);
    expect(out).toContain('Progress saved: 2 answered questions in');

    const cards = saved();
    expect(Object.keys(cards)).toEqual([first.id, second.id]);
    expect(cards[first.id]).toMatchObject({ box: 2, history: [{ covered: total(first), total: total(first) }] });
    expect(cards[first.id]!.due).toMatch(/^2025-03-15T09:00/);
    expect(cards[second.id]).toMatchObject({ box: 1, history: [{ covered: 0, total: total(second) }] });
    expect(Date.parse(cards[second.id]!.due)).toBeLessThan(Date.parse('2025-03-14T09:01:00Z'));
  });

  it('a practice round on a topic asks the due questions of that topic first, the lowest box first', () => {
    const topic = bank.find((q) => bank.filter((other) => other.topics.includes(q.topics[0]!)).length >= 3)!.topics[0]!;
    const [a, b, c, ...rest] = bank.filter((q) => q.topics.includes(topic)) as [Question, Question, Question, ...Question[]];
    const card = (box: Card['box'], due: string): Card => ({ box, lastSeen: '2025-03-01T09:00:00.000Z', due, history: [] });
    seed({
      [a.id]: card(2, '2025-03-20T09:00:00.000Z'),
      [b.id]: card(3, '2025-03-10T09:00:00.000Z'),
      [c.id]: card(1, '2025-03-13T09:00:00.000Z'),
      ...Object.fromEntries(rest.map((q) => [q.id, card(5, '2025-04-01T09:00:00.000Z')])),
    });
    // Think and reveal, none covered, next; the same again, then quit.
    const { code, out } = interview(['--topic', topic], '\n\n\n\n\nq\n');
    expect(code).toBe(0);
    expect(out).toContain(`2 of ${rest.length + 3} questions on ${topic} are due (0 never seen).`);
    expect(out).not.toContain('Choose a topic');
    expect([...out.matchAll(/^── (\S+) · .* · box (\d) ──$/gm)].map((m) => `${m[1]} ${m[2]}`)).toEqual([`${c.id} 1`, `${b.id} 3`]);
    expect(out).toContain('box 3 → 1, due again next session.');
    expect(saved()[b.id]!.box).toBe(1);
    expect(saved()[a.id]!.box).toBe(2);
  });

  it('a mock of 5 minutes: warm-up, design question, a deep dive, follow-ups, then the summary', () => {
    const questions = plan(bank, 5, { recorder: new Recorder({}, schedule), clock: () => Date.parse(NOW) });
    expect(questions.map((q) => q.kind)).toEqual(['warm-up', 'design', 'deep-dive']);
    const lines = questions.flatMap((q, i) => [
      `answer to ${q.id}`,
      '',
      ...q.followUps.slice(0, 2).flatMap((_, j) => [`follow-up answer ${j + 1}`, '']),
      i === 0 ? 'a' : '1',
    ]);
    const { code, out } = interview(['--mock', '--minutes', '5'], `${lines.join('\n')}\n`);
    expect(code).toBe(0);
    expect(out).toMatch(/\[mock [45]:\d\d left\] Warm-up/);
    expect(out).toContain('Design question');
    expect(out).toContain('Deep dive');
    expect(out).toMatch(/\[mock \d:\d\d left\] Follow-up: /);
    expect(out).toContain('── Mock interview summary ──');
    expect(out).toMatch(/3 questions answered in \d:\d\d of 5:00\./);
    const [warmUp, design] = questions as [Question, Question];
    expect(out).toContain(`${warmUp.id}: ${plain(warmUp.title)}  ${warmUp.keyPoints.length}/${warmUp.keyPoints.length} key points (100%)`);
    expect(out).toContain(`${design.id}: ${plain(design.title)}  1/${design.keyPoints.length} key points`);
    expect(out).toContain('Missed:');
    expect(out).toMatch(/^Revisit$/m);
    for (const link of design.sections) expect(out).toContain(`${link.file}#${link.anchor}`);

    const cards = saved();
    expect(Object.keys(cards)).toEqual(questions.map((q) => q.id));
    expect(cards[warmUp.id]!.box).toBe(2);
    expect(cards[design.id]!.box).toBe(1);
  });
});

describe('the mock on a clock', () => {
  it('plans deep dives by length, one at least, and never a question twice', () => {
    expect([5, 20, 28, 45, 180].map(deepDives)).toEqual([1, 1, 1, 3, 20]);
    const ids = plan(bank, 180, { recorder: new Recorder({}, schedule), clock: () => 0 }).map((q) => q.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('shows the time left at every prompt, and ends with the question in progress when time runs out', async () => {
    let now = Date.parse(NOW);
    const prompts: string[] = [];
    const lines: string[] = [];
    // Every prompt takes the learner 150 seconds: each answer is one line then an empty one, each tick "1".
    let typed = 0;
    const input: LineInput = {
      ask: (prompt) => {
        prompts.push(prompt);
        now += 150_000;
        if (prompt.includes('Which key points')) return Promise.resolve('1');
        return Promise.resolve(typed++ % 2 === 0 ? 'an answer' : '');
      },
      suspend: (work) => work(),
      close: () => undefined,
    };
    const recorder = new Recorder({}, schedule);
    const results = await mock({ bank, input, out: (line) => lines.push(line), recorder, clock: () => now, width: 80 }, 45);
    expect(prompts[0]).toContain('[mock 45:00 left]');
    expect(prompts.every((prompt) => /\[mock \d+:\d\d left\] /.test(prompt))).toBe(true);
    // 7 prompts (17:30) for each of the first two questions, with two follow-ups; the third has
    // 5:00 left after its answer, so one follow-up, and its key points are asked at 0:00: it is
    // the last of the five questions planned.
    expect(results.map((r) => r.question.kind)).toEqual(['warm-up', 'design', 'deep-dive']);
    expect(plan(bank, 45, { recorder: new Recorder({}, schedule), clock: () => 0 })).toHaveLength(5);
    expect(prompts.at(-1)).toContain('[mock 0:00 left] Which key points');
    expect(lines).toContain('Time is up: that was the last question.');
    expect(Object.keys(saved())).toEqual(results.map((r) => r.question.id));
    expect(lines).toContain('── Mock interview summary ──');
    expect(lines.join('\n')).toMatch(new RegExp(`${results.length} questions answered in 45:00 of 45:00\\.`));
  });
});
