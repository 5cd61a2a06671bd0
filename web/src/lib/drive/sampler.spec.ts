import { describe, expect, it } from 'vitest';
import { every, SAMPLE_EVERY_MS } from './sampler.ts';

describe('every', () => {
  it('opens at most once per interval', () => {
    const gate = every(SAMPLE_EVERY_MS);
    expect([0, 5_000, 9_999, 10_000, 15_000, 20_000].map((t) => gate(t))).toEqual([
      true,
      false,
      false,
      true,
      false,
      true,
    ]);
  });
});
