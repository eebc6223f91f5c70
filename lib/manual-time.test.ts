/** ManualTime: a clock and timers that move only when advanced. */
import { describe, expect, it } from 'vitest';
import { ManualTime } from './manual-time.js';

describe('ManualTime', () => {
  it('starts at the given time (0 by default) and moves only when advanced', () => {
    expect(new ManualTime().now()).toBe(0);
    const time = new ManualTime(5_000);
    expect(time.now()).toBe(5_000);
    expect(time.advance(250)).toBe(0);
    expect(time.now()).toBe(5_250);
    time.advance(0);
    expect(time.now()).toBe(5_250);
  });

  it('fires timers in time order, each at its own time, then lands on the target', () => {
    const time = new ManualTime(100);
    const fired: [string, number][] = [];
    time.setTimeout(() => fired.push(['c', time.now()]), 30);
    time.setTimeout(() => fired.push(['a', time.now()]), 10);
    time.setTimeout(() => fired.push(['b', time.now()]), 20);
    time.setTimeout(() => fired.push(['late', time.now()]), 51);
    expect(time.advance(50)).toBe(3);
    expect(fired).toEqual([
      ['a', 110],
      ['b', 120],
      ['c', 130],
    ]);
    expect(time.now()).toBe(150);
    expect(time.pending).toBe(1);
    expect(time.advance(1)).toBe(1);
    expect(fired.at(-1)).toEqual(['late', 151]);
  });

  it('fires timers due at the same time in the order they were set', () => {
    const time = new ManualTime(0);
    const fired: number[] = [];
    for (const n of [1, 2, 3]) time.setTimeout(() => fired.push(n), 10);
    time.setTimeout(() => fired.push(0), 5);
    time.advance(10);
    expect(fired).toEqual([0, 1, 2, 3]);
  });

  it('fires a timer due exactly at the target, and not one a millisecond later', () => {
    const time = new ManualTime(0);
    const fired: string[] = [];
    time.setTimeout(() => fired.push('at'), 10);
    time.setTimeout(() => fired.push('after'), 11);
    time.advance(10);
    expect(fired).toEqual(['at']);
  });

  it('fires the timers a callback sets when they fall due within the step', () => {
    const time = new ManualTime(0);
    const fired: [string, number][] = [];
    time.setTimeout(() => {
      fired.push(['outer', time.now()]);
      time.setTimeout(() => fired.push(['inner', time.now()]), 5);
      time.setTimeout(() => fired.push(['now', time.now()]), 0);
      time.setTimeout(() => fired.push(['beyond', time.now()]), 50);
    }, 10);
    time.setTimeout(() => fired.push(['other', time.now()]), 12);
    expect(time.advance(20)).toBe(4);
    expect(fired).toEqual([
      ['outer', 10],
      ['now', 10],
      ['other', 12],
      ['inner', 15],
    ]);
    expect(time.pending).toBe(1);
    expect(time.nextAt()).toBe(60);
  });

  it('lets a callback cancel a timer due later in the same step', () => {
    const time = new ManualTime(0);
    const fired: string[] = [];
    const later = time.setTimeout(() => fired.push('cancelled'), 8);
    time.setTimeout(() => {
      fired.push('first');
      time.clearTimeout(later);
    }, 4);
    expect(time.advance(10)).toBe(1);
    expect(fired).toEqual(['first']);
    expect(time.pending).toBe(0);
  });

  it('clearTimeout cancels a waiting timer, and does nothing for a fired or unknown one', () => {
    const time = new ManualTime(0);
    const fired: string[] = [];
    const a = time.setTimeout(() => fired.push('a'), 10);
    const b = time.setTimeout(() => fired.push('b'), 10);
    time.clearTimeout(a);
    expect(time.pending).toBe(1);
    time.advance(10);
    expect(fired).toEqual(['b']);
    time.clearTimeout(b);
    time.clearTimeout(a);
    time.clearTimeout('nonsense');
    time.clearTimeout(undefined);
    expect(time.pending).toBe(0);
    time.advance(100);
    expect(fired).toEqual(['b']);
  });

  it('counts pending timers and tells when the next one fires', () => {
    const time = new ManualTime(1_000);
    expect(time.pending).toBe(0);
    expect(time.nextAt()).toBeUndefined();
    time.setTimeout(() => {}, 30);
    time.setTimeout(() => {}, 20);
    expect(time.pending).toBe(2);
    expect(time.nextAt()).toBe(1_020);
    time.advance(20);
    expect(time.pending).toBe(1);
    expect(time.nextAt()).toBe(1_030);
    time.advance(10);
    expect(time.pending).toBe(0);
    expect(time.nextAt()).toBeUndefined();
  });

  it('treats a negative, NaN or infinite delay as 0', () => {
    const time = new ManualTime(0);
    for (const delay of [-5, NaN, Infinity]) time.setTimeout(() => {}, delay);
    expect(time.nextAt()).toBe(0);
    expect(time.advance(0)).toBe(3);
  });

  it('returns a distinct handle for every timer', () => {
    const time = new ManualTime(0);
    const handles = new Set([time.setTimeout(() => {}, 1), time.setTimeout(() => {}, 1), time.setTimeout(() => {}, 1)]);
    expect(handles.size).toBe(3);
  });

  it('refuses a bad step or callback', () => {
    const time = new ManualTime(0);
    for (const ms of [-1, NaN, Infinity]) expect(() => time.advance(ms)).toThrow(RangeError);
    expect(() => time.setTimeout('no' as unknown as () => void, 1)).toThrow(TypeError);
    expect(time.now()).toBe(0);
    expect(time.pending).toBe(0);
  });

  it('serves as a Clock and a Scheduler for a timer-driven loop', () => {
    const time = new ManualTime(0);
    const ticks: number[] = [];
    const tick = (): void => {
      ticks.push(time.now());
      if (ticks.length < 5) time.setTimeout(tick, 100);
    };
    time.setTimeout(tick, 100);
    expect(time.advance(1_000)).toBe(5);
    expect(ticks).toEqual([100, 200, 300, 400, 500]);
  });
});
