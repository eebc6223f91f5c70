/**
 * One interview question of the bank, as parsed from a chapter's `questions.md` (see FORMAT.md).
 *
 * @module
 */

/** How hard a question is. */
export type Difficulty = 'easy' | 'medium' | 'hard';

/** Where a question fits in a mock interview. */
export type Kind = 'warm-up' | 'design' | 'deep-dive';

/** A link from a question to a section of a chapter. */
export interface SectionLink {
  /** The link text. */
  readonly text: string;
  /** The chapter file, relative to the project root, e.g. `chapters/02-eviction/README.md`. */
  readonly file: string;
  /** The heading's slug, without `#`. */
  readonly anchor: string;
}

/** One question, with everything an interviewer listens for. */
export interface Question {
  /** Unique kebab-case id, e.g. `lru-vs-lfu`. */
  readonly id: string;
  /** The short title shown by `--list`. */
  readonly title: string;
  /** The chapter folder, e.g. `02-eviction`. */
  readonly chapter: string;
  readonly difficulty: Difficulty;
  readonly kind: Kind;
  /** Kebab-case topics, for `--topic`. */
  readonly topics: readonly string[];
  /** The chapter sections that teach the answer (at least one). */
  readonly sections: readonly SectionLink[];
  /** Exercise ids from the registry. */
  readonly exercises: readonly string[];
  /** A demo name that shows the answer happening, if any. */
  readonly demo: string | undefined;
  /** A probe of the learner's own code, if any. */
  readonly probe: string | undefined;
  /** The question, as Markdown source. */
  readonly question: string;
  /** The model answer, as Markdown source. */
  readonly answer: string;
  /** What the interviewer listens for: 3 to 7 points, each inline Markdown. */
  readonly keyPoints: readonly string[];
  /** Follow-up questions (at least one). */
  readonly followUps: readonly string[];
  /** Common wrong answers, and why (at least one). */
  readonly wrongAnswers: readonly string[];
  /** Where the question is defined: the file (relative to the root) and the line of its heading. */
  readonly source: { readonly file: string; readonly line: number };
}
