import { describe, expect, it } from 'vitest';
import { parseDotenv } from './env.ts';

describe('parseDotenv', () => {
  it('reads KEY=value lines, skipping comments and blank lines', () => {
    expect(parseDotenv('# secrets\nA=1\n\nB = two words # note\n')).toEqual({ A: '1', B: 'two words' });
  });

  it('keeps quoted values whole, including # and escaped newlines in double quotes', () => {
    expect(parseDotenv(`A="x # y"\nB='raw\\n'\nC="line\\nnext"`)).toEqual({ A: 'x # y', B: 'raw\\n', C: 'line\nnext' });
  });

  it('accepts an export prefix and ignores malformed lines', () => {
    expect(parseDotenv('export TOKEN=abc\nnot a pair\n1BAD=x')).toEqual({ TOKEN: 'abc' });
  });
});
