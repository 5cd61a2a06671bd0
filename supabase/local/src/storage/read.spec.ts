import { describe, expect, it } from 'vitest';
import { parseRange } from './read.ts';

describe('parseRange', () => {
  it('reads a closed range and clamps its end to the size', () => {
    expect(parseRange('bytes=2-5', 10)).toEqual({ start: 2, end: 5 });
    expect(parseRange('bytes=8-50', 10)).toEqual({ start: 8, end: 9 });
  });

  it('reads open and suffix ranges', () => {
    expect(parseRange('bytes=7-', 10)).toEqual({ start: 7, end: 9 });
    expect(parseRange('bytes=-3', 10)).toEqual({ start: 7, end: 9 });
  });

  it('marks a range past the end as invalid', () => {
    expect(parseRange('bytes=10-12', 10)).toBe('invalid');
    expect(parseRange('bytes=5-2', 10)).toBe('invalid');
  });

  it('ignores absent and multi-part ranges', () => {
    expect(parseRange(undefined, 10)).toBeUndefined();
    expect(parseRange('bytes=0-1,3-4', 10)).toBeUndefined();
  });
});
