import { describe, expect, it } from 'vitest';
import { SlidingWindow } from './ratelimit.ts';

describe('SlidingWindow', () => {
  it('allows exactly the limit within one window and refuses the next hit', () => {
    const w = new SlidingWindow(3, 1000);
    expect([w.take('a', 0), w.take('a', 10), w.take('a', 20), w.take('a', 30)]).toEqual([true, true, true, false]);
  });

  it('keeps separate counts per key', () => {
    const w = new SlidingWindow(1, 1000);
    expect(w.take('a', 0)).toBe(true);
    expect(w.take('b', 0)).toBe(true);
    expect(w.take('a', 1)).toBe(false);
  });

  it('frees a slot once the oldest hit leaves the window', () => {
    const w = new SlidingWindow(2, 1000);
    w.take('a', 0);
    w.take('a', 500);
    expect(w.take('a', 999)).toBe(false);
    expect(w.take('a', 1001)).toBe(true);
    expect(w.take('a', 1002)).toBe(false);
  });
});

describe('SlidingWindow as a failure counter', () => {
  it('reports a key as full at the limit without counting the check', () => {
    const w = new SlidingWindow(2, 1000);
    w.take('a', 0);
    expect(w.full('a', 1)).toBe(false);
    w.take('a', 1);
    expect(w.full('a', 2)).toBe(true);
    expect(w.full('a', 1001)).toBe(false);
  });

  it('says how long a full key waits and forgets a key on demand', () => {
    const w = new SlidingWindow(2, 10_000);
    w.take('a', 0);
    w.take('a', 4000);
    expect(w.secondsLeft('a', 5000)).toBe(5);
    w.forget('a');
    expect(w.full('a', 5000)).toBe(false);
    expect(w.secondsLeft('a', 5000)).toBe(0);
  });
});
