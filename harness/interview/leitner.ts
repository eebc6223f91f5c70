/**
 * The Leitner schedule of the interview runner, as pure functions of the time they are given:
 * five boxes; a question never seen is in box 1 and due; at least 80% of its key points covered
 * moves it up a box, below 50% sends it back to box 1, anything between keeps it where it is.
 * Box 1 is due at once (the next session), box 2 after 1 day, 3 after 3, 4 after 7, 5 after 14.
 *
 * @module
 */

/** A Leitner box: 1 holds the weakest questions, 5 the best known. */
export type Box = 1 | 2 | 3 | 4 | 5;

/** One answer to a question: when, and how many of its key points it covered. */
export interface Review {
  /** When it was answered, as an ISO date. */
  readonly at: string;
  readonly covered: number;
  /** How many key points the question has. */
  readonly total: number;
}

/** What the schedule keeps of one question. */
export interface Card {
  readonly box: Box;
  /** When it was last answered, as an ISO date. */
  readonly lastSeen: string;
  /** When it is due again, as an ISO date. */
  readonly due: string;
  /** The last answers, oldest first (at most {@link HISTORY_LENGTH}). */
  readonly history: readonly Review[];
}

/** The schedule: a card per question id that has been answered at least once. */
export type Schedule = Readonly<Record<string, Card>>;

/** How many answers a card remembers. */
export const HISTORY_LENGTH = 10;

/** Days from an answer until the question is due again, by the box it is then in. */
export const INTERVAL_DAYS: Readonly<Record<Box, number>> = { 1: 0, 2: 1, 3: 3, 4: 7, 5: 14 };

const DAY_MS = 86_400_000;

/** The box of a question: its card's, or 1 for a question never seen. */
export function boxOf(card: Card | undefined): Box {
  return card?.box ?? 1;
}

/** The box after an answer that covered `covered` of `total` key points, from `box`. */
export function nextBox(box: Box, covered: number, total: number): Box {
  if (!Number.isInteger(total) || total < 1) throw new RangeError(`total must be a whole number of key points, at least 1 (got ${total})`);
  if (!Number.isInteger(covered) || covered < 0 || covered > total) {
    throw new RangeError(`covered must be a whole number from 0 to ${total} (got ${covered})`);
  }
  // In whole numbers, so that 4 of 5 is exactly 80%: covered / total >= 0.8, and covered / total < 0.5.
  if (covered * 5 >= total * 4) return Math.min(box + 1, 5) as Box;
  if (covered * 2 < total) return 1;
  return box;
}

/** The card after an answer at time `now` (ms since the epoch) that covered `covered` of `total` key points. */
export function review(card: Card | undefined, covered: number, total: number, now: number): Card {
  const box = nextBox(boxOf(card), covered, total);
  const at = new Date(now).toISOString();
  const history = [...(card?.history ?? []), { at, covered, total }].slice(-HISTORY_LENGTH);
  return { box, lastSeen: at, due: new Date(now + INTERVAL_DAYS[box] * DAY_MS).toISOString(), history };
}

/** Whether a question is due at `now`: never seen, or its due date has come. */
export function isDue(card: Card | undefined, now: number): boolean {
  return card === undefined || Date.parse(card.due) <= now;
}

/**
 * `questions` in the order to ask them at `now`: the due ones first (the lowest box first; in a box,
 * the most overdue first and the never seen last), then the others by due date; ties keep the
 * given order.
 */
export function order<T extends { readonly id: string }>(questions: readonly T[], schedule: Schedule, now: number): T[] {
  const rank = (question: T): [number, number, number, number] => {
    const card = schedule[question.id];
    if (card === undefined) return [0, 1, 1, 0];
    const due = Date.parse(card.due);
    return due <= now ? [0, card.box, 0, due] : [1, 0, 0, due];
  };
  const ranked = questions.map((question, index) => ({ question, key: [...rank(question), index] }));
  ranked.sort((a, b) => {
    for (let i = 0; i < a.key.length; i++) if (a.key[i] !== b.key[i]) return a.key[i]! - b.key[i]!;
    return 0;
  });
  return ranked.map((entry) => entry.question);
}
