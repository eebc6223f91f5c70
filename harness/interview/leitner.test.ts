/** The Leitner schedule: promotion, demotion, due dates, history, and the order of due questions. */
import { describe, expect, it } from 'vitest';
import { HISTORY_LENGTH, isDue, nextBox, order, review, type Card, type Schedule } from './leitner.js';

const NOW = Date.parse('2025-03-14T09:00:00.000Z');
const DAY = 86_400_000;
const iso = (ms: number): string => new Date(ms).toISOString();

/** A card in `box`, due at `due`. */
function card(box: Card['box'], due: number): Card {
  return { box, lastSeen: iso(due - DAY), due: iso(due), history: [] };
}

describe('nextBox', () => {
  it('moves up one box from 80% of the key points, at most to box 5', () => {
    expect(nextBox(1, 4, 5)).toBe(2);
    expect(nextBox(3, 5, 5)).toBe(4);
    expect(nextBox(4, 3, 3)).toBe(5);
    expect(nextBox(5, 7, 7)).toBe(5);
  });

  it('sends a question back to box 1 below 50%, from any box', () => {
    expect(nextBox(5, 2, 5)).toBe(1);
    expect(nextBox(3, 0, 3)).toBe(1);
    expect(nextBox(2, 1, 3)).toBe(1);
  });

  it('keeps the box from 50% up to just under 80%', () => {
    expect(nextBox(3, 3, 6)).toBe(3);
    expect(nextBox(2, 3, 5)).toBe(2);
    expect(nextBox(4, 5, 7)).toBe(4);
    expect(nextBox(1, 2, 4)).toBe(1);
  });

  it('refuses counts that are not whole numbers in range, saying which', () => {
    expect(() => nextBox(1, 6, 5)).toThrow(/covered must be a whole number from 0 to 5 \(got 6\)/);
    expect(() => nextBox(1, 1.5, 5)).toThrow(RangeError);
    expect(() => nextBox(1, 0, 0)).toThrow(/total must be a whole number of key points, at least 1/);
  });
});

describe('review', () => {
  it('puts a question never seen in box 1, and after a full answer in box 2, due a day later', () => {
    const next = review(undefined, 3, 3, NOW);
    expect(next).toEqual({ box: 2, lastSeen: iso(NOW), due: iso(NOW + DAY), history: [{ at: iso(NOW), covered: 3, total: 3 }] });
  });

  it('makes box 1 due at once, and boxes 2 to 5 due after 1, 3, 7 and 14 days', () => {
    expect(review(undefined, 0, 4, NOW).due).toBe(iso(NOW));
    expect(review(card(1, NOW), 4, 4, NOW).due).toBe(iso(NOW + DAY));
    expect(review(card(2, NOW), 4, 4, NOW).due).toBe(iso(NOW + 3 * DAY));
    expect(review(card(3, NOW), 4, 4, NOW).due).toBe(iso(NOW + 7 * DAY));
    expect(review(card(4, NOW), 4, 4, NOW).due).toBe(iso(NOW + 14 * DAY));
    expect(review(card(5, NOW), 4, 4, NOW).due).toBe(iso(NOW + 14 * DAY));
  });

  it('keeps the last answers only, oldest first', () => {
    let current: Card | undefined;
    for (let i = 0; i < HISTORY_LENGTH + 3; i++) current = review(current, i % 4, 3 + (i % 4), NOW + i * DAY);
    expect(current!.history).toHaveLength(HISTORY_LENGTH);
    expect(current!.history[0]!.at).toBe(iso(NOW + 3 * DAY));
    expect(current!.history.at(-1)).toEqual({ at: iso(NOW + (HISTORY_LENGTH + 2) * DAY), covered: 0, total: 3 });
  });
});

describe('isDue', () => {
  it('holds for a question never seen and from its due date on', () => {
    expect(isDue(undefined, NOW)).toBe(true);
    expect(isDue(card(2, NOW), NOW)).toBe(true);
    expect(isDue(card(2, NOW + 1), NOW)).toBe(false);
  });
});

describe('order', () => {
  const questions = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((id) => ({ id }));

  it('asks due questions first: lowest box, then most overdue, then never seen; then the rest by due date', () => {
    const schedule: Schedule = {
      a: card(3, NOW - DAY), // due, box 3
      b: card(2, NOW + 2 * DAY), // not due, later
      c: card(1, NOW - 2 * DAY), // due, box 1, more overdue
      d: card(2, NOW + DAY), // not due, sooner
      e: card(1, NOW - DAY), // due, box 1
      // f and g: never seen (box 1, after the seen box 1 questions)
    };
    expect(order(questions, schedule, NOW).map((q) => q.id)).toEqual(['c', 'e', 'f', 'g', 'a', 'd', 'b']);
  });

  it('keeps the given order between questions that tie', () => {
    const schedule: Schedule = { c: card(2, NOW), e: card(2, NOW) };
    expect(order(questions, schedule, NOW).map((q) => q.id)).toEqual(['a', 'b', 'd', 'f', 'g', 'c', 'e']);
  });
});
