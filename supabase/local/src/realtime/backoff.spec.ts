import { describe, expect, it } from 'vitest';
import { Backoff } from './backoff.ts';

describe('Backoff', () => {
  it('doubles from the first delay up to the cap and stays there', () => {
    const b = new Backoff(100, 5000);
    const delays = Array.from({ length: 9 }, () => b.delay());
    expect(delays).toEqual([100, 200, 400, 800, 1600, 3200, 5000, 5000, 5000]);
  });

  it('starts again from the first delay after a reset', () => {
    const b = new Backoff(100, 5000);
    b.delay();
    b.delay();
    b.reset();
    expect(b.delay()).toBe(100);
  });
});
