import { describe, expect, it } from 'vitest';
import { givenBy } from './names.ts';

describe('givenBy', () => {
  const names = { u1: 'Sasha Staff', u2: 'Olivia Owner' };

  it('names a colleague', () => {
    expect(givenBy('u1', 'u2', names)).toBe('by Sasha Staff');
  });

  it('says "you" for the signed-in user', () => {
    expect(givenBy('u2', 'u2', names)).toBe('by you');
  });

  it('stays neutral for someone who left the team or is unknown', () => {
    expect(givenBy('gone', 'u2', names)).toBe('by a former team member');
    expect(givenBy(null, 'u2', names)).toBe('by a former team member');
  });
});
