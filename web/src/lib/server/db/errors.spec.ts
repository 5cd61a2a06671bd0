import { describe, expect, it } from 'vitest';
import { refusalSentence } from './errors.ts';

describe('refusalSentence', () => {
  it.each([
    ['23505', 'duplicate'],
    ['23503', 'no longer exists'],
    ['42501', 'your role'],
    ['23514', 'not accepted'],
    ['22P02', 'not accepted'],
    ['22023', 'not accepted'],
  ])('turns %s into a sentence about the thing being saved', (code, words) => {
    const sentence = refusalSentence(code, 'The client');
    expect(sentence).toMatch(/^The client could not be saved: /);
    expect(sentence).toContain(words);
  });

  it('has no sentence for faults that are not refusals, so they stay unexpected', () => {
    expect(refusalSentence(undefined, 'The client')).toBeNull();
    expect(refusalSentence('08006', 'The client')).toBeNull();
    expect(refusalSentence('PGRST301', 'The client')).toBeNull();
  });
});
