/** The question bank: the real one loads and covers the classic topics; malformed files fail at the right file, line and field; slugs are GitHub's. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chapters } from '../registry.js';
import { BankError, type KnownReferences, loadBank, parseQuestions, validateReferences } from './bank.js';
import type { Question } from './question.js';
import { anchorsOf, slug } from './slug.js';

const file = 'chapters/02-eviction/questions.md';

/** A valid questions.md with one question using every field. */
const valid = `# Interview questions: Eviction

Prose before the first question is ignored: ## not a heading.

## lru-vs-lfu: LRU, LFU or TTL?

- Difficulty: medium
- Kind: deep-dive
- Topics: eviction-policy, lru
- Section: [LRU](README.md#lru), [Consistent \`hashing\`](../04-distributed/README.md#consistent-hashing)
- Exercises: lru, lfu
- Demo: ring
- Probe: eviction-hit-rates

### Question

Which policy would you choose
for a product catalogue?

### Model answer

It depends on the workload:

- LRU for recency.

\`\`\`ts
const policy = 'lru';
\`\`\`

#### A subheading inside the answer

More answer.

### Key points

- Recency, with \`get\` moving a key.
- Frequency,
  counted per key.
- Expiry.

### Follow-ups

- What does a scan do to LRU?

### Common wrong answers

- "LFU is always better": old popular keys never leave.
`;

/** What the questions of {@link valid} may refer to. */
const known: KnownReferences = {
  exercises: new Set(['lru', 'lfu']),
  demos: new Set(['ring']),
  probes: new Set(['eviction-hit-rates']),
  anchors: (path) =>
    ({
      'chapters/02-eviction/README.md': new Set(['lru', 'lfu']),
      'chapters/04-distributed/README.md': new Set(['consistent-hashing']),
    })[path],
};

/** The 1-based line of the first line of `markdown` that contains `text`. */
function lineOf(markdown: string, text: string): number {
  const index = markdown.split('\n').findIndex((line) => line.includes(text));
  expect(index, `a line containing ${text}`).not.toBe(-1);
  return index + 1;
}

/** The BankError `act` throws. */
function errorOf(act: () => unknown): BankError {
  try {
    act();
  } catch (error) {
    expect(error).toBeInstanceOf(BankError);
    return error as BankError;
  }
  throw new Error('expected a BankError, but nothing was thrown');
}

/** The BankError parsing `markdown` as {@link file} throws, checked for its file, line and field. */
function parseError(markdown: string, line: number, field: string): BankError {
  const error = errorOf(() => parseQuestions(markdown, file, '02-eviction'));
  expect({ file: error.file, line: error.line, field: error.field }, error.message).toEqual({ file, line, field });
  expect(error.message.startsWith(`${file}:${line}: `)).toBe(true);
  return error;
}

/** `valid` with `from` replaced by `to` (which must occur). */
function edit(from: string, to: string, markdown = valid): string {
  expect(markdown).toContain(from);
  return markdown.replace(from, to);
}

describe('parseQuestions', () => {
  it('reads every field and section of a question', () => {
    const [question, ...rest] = parseQuestions(valid, file, '02-eviction');
    expect(rest).toEqual([]);
    expect(question).toEqual<Question>({
      id: 'lru-vs-lfu',
      title: 'LRU, LFU or TTL?',
      chapter: '02-eviction',
      difficulty: 'medium',
      kind: 'deep-dive',
      topics: ['eviction-policy', 'lru'],
      sections: [
        { text: 'LRU', file: 'chapters/02-eviction/README.md', anchor: 'lru' },
        { text: 'Consistent hashing', file: 'chapters/04-distributed/README.md', anchor: 'consistent-hashing' },
      ],
      exercises: ['lru', 'lfu'],
      demo: 'ring',
      probe: 'eviction-hit-rates',
      question: 'Which policy would you choose\nfor a product catalogue?',
      answer: "It depends on the workload:\n\n- LRU for recency.\n\n```ts\nconst policy = 'lru';\n```\n\n#### A subheading inside the answer\n\nMore answer.",
      keyPoints: ['Recency, with `get` moving a key.', 'Frequency,\ncounted per key.', 'Expiry.'],
      followUps: ['What does a scan do to LRU?'],
      wrongAnswers: ['"LFU is always better": old popular keys never leave.'],
      source: { file, line: lineOf(valid, '## lru-vs-lfu') },
    });
  });

  it('reads several questions, optional fields absent, fields in any order, anchors %-decoded', () => {
    const second = `
## cafe-keys: Café keys

- Topics: unicode
- Section: [Café](README.md#café)
- Kind: warm-up
- Difficulty: easy

### Question

Q?

### Model answer

A.

### Key points

- One.
- Two.
- Three.

### Follow-ups

- F?

### Common wrong answers

- W.
`;
    const questions = parseQuestions(valid + second, file, '02-eviction');
    expect(questions.map((q) => q.id)).toEqual(['lru-vs-lfu', 'cafe-keys']);
    const cafe = questions[1]!;
    expect(cafe).toMatchObject({ difficulty: 'easy', kind: 'warm-up', exercises: [], demo: undefined, probe: undefined });
    expect(cafe.sections).toEqual([{ text: 'Café', file: 'chapters/02-eviction/README.md', anchor: 'café' }]);
    expect(cafe.source.line).toBe(lineOf(valid + second, '## cafe-keys'));
  });

  it('finds no questions in a file without a ## heading', () => {
    expect(parseQuestions('# Interview questions\n\nNone yet.\n', file, '02-eviction')).toEqual([]);
  });

  it('names the missing field, at the field list', () => {
    const markdown = edit('- Kind: deep-dive\n', '');
    const error = parseError(markdown, lineOf(markdown, '- Difficulty'), 'Kind');
    expect(error.message).toContain('lru-vs-lfu: Kind is missing');
  });

  it('rejects a difficulty that is not easy, medium or hard, at its line', () => {
    const markdown = edit('Difficulty: medium', 'Difficulty: normal');
    const error = parseError(markdown, lineOf(markdown, 'Difficulty: normal'), 'Difficulty');
    expect(error.message).toBe(`${file}:${error.line}: lru-vs-lfu: Difficulty is \`normal\`, expected easy, medium or hard`);
  });

  it('rejects a kind that is not warm-up, design or deep-dive', () => {
    const markdown = edit('Kind: deep-dive', 'Kind: deep dive');
    parseError(markdown, lineOf(markdown, 'Kind:'), 'Kind');
  });

  it('rejects sections in the wrong order, at the heading out of place', () => {
    const markdown = edit('### Follow-ups\n\n- What does a scan do to LRU?\n', '').replace(
      '### Key points',
      '### Follow-ups\n\n- What does a scan do to LRU?\n\n### Key points',
    );
    const error = parseError(markdown, lineOf(markdown, '### Follow-ups'), 'Follow-ups');
    expect(error.message).toContain('comes before `### Key points`');
  });

  it('rejects a missing section, at the question heading', () => {
    const markdown = edit('### Follow-ups\n\n- What does a scan do to LRU?\n\n', '');
    const error = parseError(markdown, lineOf(markdown, '## lru-vs-lfu'), 'Follow-ups');
    expect(error.message).toContain('the `### Follow-ups` section is missing');
  });

  it('rejects a missing last section', () => {
    const markdown = valid.slice(0, valid.indexOf('### Common wrong answers'));
    parseError(markdown, lineOf(markdown, '## lru-vs-lfu'), 'Common wrong answers');
  });

  it('rejects an unknown or repeated section heading', () => {
    const unknown = edit('### Follow-ups', '### Follow ups');
    expect(parseError(unknown, lineOf(unknown, '### Follow ups'), 'heading').message).toContain('did you mean `Follow-ups`?');
    const repeated = `${valid}\n### Key points\n\n- Again.\n`;
    parseError(repeated, repeated.split('\n').lastIndexOf('### Key points') + 1, 'Key points');
  });

  it('rejects 2 key points, with the message FORMAT.md shows', () => {
    const markdown = edit('- Expiry.\n', '');
    const line = lineOf(markdown, '- Recency');
    const error = parseError(markdown, line, 'Key points');
    expect(error.message).toBe(`${file}:${line}: lru-vs-lfu: Key points has 2 items, expected 3 to 7`);
  });

  it('rejects 8 key points', () => {
    const markdown = edit('- Expiry.\n', '- Expiry.\n- Four.\n- Five.\n- Six.\n- Seven.\n- Eight.\n');
    const error = parseError(markdown, lineOf(markdown, '- Recency'), 'Key points');
    expect(error.message).toContain('Key points has 8 items, expected 3 to 7');
  });

  it('rejects empty follow-ups and a numbered list of wrong answers', () => {
    const empty = edit('- What does a scan do to LRU?\n', '');
    expect(parseError(empty, lineOf(empty, '### Follow-ups'), 'Follow-ups').message).toContain('Follow-ups has 0 items, expected at least 1');
    const numbered = edit('- "LFU', '1. "LFU');
    expect(parseError(numbered, lineOf(numbered, '1. "LFU'), 'Common wrong answers').message).toContain('found a numbered list');
  });

  it('rejects a list section with more than one list item paragraph or a second block', () => {
    const nested = edit('- Expiry.\n', '- Expiry.\n  - nested\n');
    parseError(nested, lineOf(nested, '- Expiry'), 'Key points');
    const trailing = edit('- Expiry.\n', '- Expiry.\n\nA paragraph.\n');
    parseError(trailing, lineOf(trailing, 'A paragraph'), 'Key points');
  });

  it('rejects an empty question', () => {
    const markdown = edit('Which policy would you choose\nfor a product catalogue?\n\n', '');
    parseError(markdown, lineOf(markdown, '### Question'), 'Question');
  });

  it('rejects an id that is not kebab-case', () => {
    const markdown = edit('## lru-vs-lfu:', '## LRU_vs_LFU:');
    const error = parseError(markdown, lineOf(markdown, '## LRU_vs_LFU'), 'id');
    expect(error.message).toMatch(/^chapters\/02-eviction\/questions\.md:\d+: the id `LRU_vs_LFU` is not kebab-case/);
  });

  it('rejects a ## heading without `id: title`', () => {
    for (const heading of ['## LRU, LFU or TTL?', '## lru-vs-lfu', '## lru-vs-lfu:', '## lru vs lfu: LRU, LFU or TTL?']) {
      const markdown = edit('## lru-vs-lfu: LRU, LFU or TTL?', heading);
      expect(parseError(markdown, lineOf(markdown, heading), 'heading').message).toContain('is not a question heading');
    }
  });

  it('rejects a heading not followed by the field list, and blocks between the fields and ### Question', () => {
    const noFields = edit('- Difficulty: medium', 'Some prose.\n\n- Difficulty: medium');
    parseError(noFields, lineOf(noFields, 'Some prose'), 'fields');
    const between = edit('### Question', 'Stray prose.\n\n### Question');
    parseError(between, lineOf(between, 'Stray prose'), 'fields');
  });

  it('rejects an unknown field, a repeated one and an empty one', () => {
    const unknown = edit('- Demo: ring', '- Demos: ring');
    expect(parseError(unknown, lineOf(unknown, 'Demos:'), 'fields').message).toContain('did you mean `Demo`?');
    const repeated = edit('- Demo: ring', '- Demo: ring\n- Difficulty: hard');
    parseError(repeated, lineOf(repeated, 'Difficulty: hard'), 'Difficulty');
    const empty = edit('- Exercises: lru, lfu', '- Exercises:');
    parseError(empty, lineOf(empty, 'Exercises:'), 'Exercises');
  });

  it('rejects a topic that is not kebab-case', () => {
    const markdown = edit('Topics: eviction-policy, lru', 'Topics: Eviction Policy');
    parseError(markdown, lineOf(markdown, 'Topics:'), 'Topics');
  });

  it('rejects a Section without a link, without an anchor, outside chapters/, or with stray text', () => {
    for (const value of [
      'LRU',
      '[LRU](README.md)',
      '[LRU](#lru)',
      '[LRU](https://example.com/README.md#lru)',
      '[LRU](../../README.md#lru)',
      '[LRU](README.md#lru); [LFU](README.md#lfu)',
      '[LRU](README.md#lru) and more',
    ]) {
      const markdown = edit('- Section: [LRU](README.md#lru), [Consistent `hashing`](../04-distributed/README.md#consistent-hashing)', `- Section: ${value}`);
      parseError(markdown, lineOf(markdown, '- Section:'), 'Section');
    }
  });
});

describe('validateReferences', () => {
  const parse = (markdown: string, path = file): Question[] => parseQuestions(markdown, path, '02-eviction');

  /** The BankError validating `questions` throws, checked for its file, line and field. */
  function referenceError(questions: readonly Question[], path: string, line: number, field: string): BankError {
    const error = errorOf(() => validateReferences(questions, known));
    expect({ file: error.file, line: error.line, field: error.field }, error.message).toEqual({ file: path, line, field });
    return error;
  }

  it('accepts a question whose references all resolve', () => {
    expect(() => validateReferences(parse(valid), known)).not.toThrow();
  });

  it('rejects an id used in two files, at the second', () => {
    const other = 'chapters/03-patterns/questions.md';
    const markdown = `# Patterns\n\n${valid.slice(valid.indexOf('## lru-vs-lfu'))}`;
    const error = referenceError([...parse(valid), ...parse(markdown, other)], other, lineOf(markdown, '## lru-vs-lfu'), 'id');
    expect(error.message).toContain(`already used at ${file}:${lineOf(valid, '## lru-vs-lfu')}`);
  });

  it('rejects an unknown exercise, demo or probe, at the question heading', () => {
    const line = lineOf(valid, '## lru-vs-lfu');
    const exercise = referenceError(parse(edit('Exercises: lru, lfu', 'Exercises: lru, lfo')), file, line, 'Exercises');
    expect(exercise.message).toContain('`lfo`, which is not an exercise in harness/registry.ts; did you mean `lfu`?');
    referenceError(parse(edit('Demo: ring', 'Demo: rings')), file, line, 'Demo');
    referenceError(parse(edit('Probe: eviction-hit-rates', 'Probe: hit-rates')), file, line, 'Probe');
  });

  it('rejects an anchor that is not among the file\'s headings', () => {
    const error = referenceError(parse(edit('README.md#lru)', 'README.md#lfru)')), file, lineOf(valid, '## lru-vs-lfu'), 'Section');
    expect(error.message).toContain('chapters/02-eviction/README.md#lfru, but no heading there has that anchor');
  });

  it('rejects a section link to a file that does not exist', () => {
    const error = referenceError(parse(edit('../04-distributed/README.md', '../04-distributed/READ.md')), file, lineOf(valid, '## lru-vs-lfu'), 'Section');
    expect(error.message).toContain('chapters/04-distributed/READ.md, which does not exist');
  });
});

describe('loadBank', () => {
  it('loads a project\'s chapter files, checking their links against the READMEs', () => {
    const root = mkdtempSync(join(tmpdir(), 'cachecraft-bank-'));
    try {
      const write = (path: string, text: string): void => {
        mkdirSync(join(root, path, '..'), { recursive: true });
        writeFileSync(join(root, path), text);
      };
      write('chapters/02-eviction/README.md', '# Eviction\n\n## LRU\n');
      write('chapters/04-distributed/README.md', '# Distributed\n\n## Consistent hashing\n');
      write(file, edit('- Probe: eviction-hit-rates\n', '').replace('Exercises: lru, lfu', 'Exercises: lru, lfu, ttl'));
      expect(loadBank(root).map((q) => q.id)).toEqual(['lru-vs-lfu']);
      // Its README.md#lru is chapters/03-patterns/README.md, which this project does not have.
      write('chapters/03-patterns/questions.md', valid.replace('- Probe: eviction-hit-rates\n', '').replace('## lru-vs-lfu:', '## patterns-lru:'));
      const error = errorOf(() => loadBank(root));
      expect([error.file, error.field, error.message]).toEqual([
        'chapters/03-patterns/questions.md',
        'Section',
        expect.stringContaining('chapters/03-patterns/README.md, which does not exist'),
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('the real bank', () => {
  it('loads without error', () => {
    expect(() => loadBank()).not.toThrow();
  });

  it('has at least 40 questions, questions in every chapter, and every classic topic', () => {
    const bank = loadBank();
    expect(bank.length).toBeGreaterThanOrEqual(40);
    expect(chapters.filter((chapter) => !bank.some((q) => q.chapter === chapter.id)).map((chapter) => chapter.id), 'chapters without questions').toEqual([]);
    const required = ['invalidation', 'stampede', 'warming', 'write-patterns', 'sizing', 'eviction-policy', 'consistent-hashing', 'hot-keys', 'penetration', 'avalanche', 'consistency'];
    const topics = new Set(bank.flatMap((q) => q.topics));
    expect(required.filter((topic) => !topics.has(topic)), 'classic topics no question covers').toEqual([]);
  });
});

describe('slug and anchorsOf', () => {
  it('lower-cases, drops punctuation and turns each space into -', () => {
    expect(slug('Why not update the cache instead of deleting?')).toBe('why-not-update-the-cache-instead-of-deleting');
    expect(slug('Chapter 1 — Fundamentals')).toBe('chapter-1--fundamentals');
    expect(slug('Weights: `-w / ln(u)`')).toBe('weights--w--lnu');
    expect(slug('snake_case and kebab-case, 2^31 - 1 ms')).toBe('snake_case-and-kebab-case-231---1-ms');
  });

  it('keeps letters of every script', () => {
    expect(slug('Café à la carte')).toBe('café-à-la-carte');
    expect(slug('Кэш и TTL')).toBe('кэш-и-ttl');
    expect(slug('キャッシュ戦略')).toBe('キャッシュ戦略');
    expect(slug('Cafe\u0301')).toBe('cafe\u0301');
  });

  it('reduces inline code, links and emphasis to their text', () => {
    const anchors = anchorsOf('# The naive answer: `hash(key) % n`\n\n## [Redis](https://redis.io) Cluster\n\n### **Bold** and _it_ <b>x</b>\n\nSetext heading\n---\n');
    expect([...anchors]).toEqual(['the-naive-answer-hashkey--n', 'redis-cluster', 'bold-and-it-x', 'setext-heading']);
  });

  it('suffixes duplicates with -1, -2, skipping a suffix a heading already took', () => {
    expect([...anchorsOf('# A\n## A\n## A-1\n## a\n### Interview angle\n### Interview angle\n')]).toEqual(['a', 'a-1', 'a-1-1', 'a-2', 'interview-angle', 'interview-angle-1']);
  });
});
