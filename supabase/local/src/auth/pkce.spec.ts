import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { challengeMatches, readChallenge } from './pkce.ts';

const verifier = 'a'.repeat(20) + 'b'.repeat(30);
const s256 = createHash('sha256').update(verifier).digest('base64url');

describe('PKCE challenges', () => {
  it('matches an S256 challenge only with its verifier', () => {
    expect(challengeMatches({ challenge: s256, method: 's256' }, verifier)).toBe(true);
    expect(challengeMatches({ challenge: s256, method: 's256' }, verifier + 'x')).toBe(false);
  });

  it('matches a plain challenge by equality', () => {
    expect(challengeMatches({ challenge: verifier, method: 'plain' }, verifier)).toBe(true);
  });

  it('reads the method case-insensitively and rejects unknown methods and short challenges', () => {
    expect(readChallenge({ code_challenge: s256, code_challenge_method: 'S256' })).toEqual({
      challenge: s256,
      method: 's256',
    });
    expect(readChallenge({})).toBeUndefined();
    expect(() => readChallenge({ code_challenge: s256, code_challenge_method: 'md5' })).toThrow(/not supported/);
    expect(() => readChallenge({ code_challenge: 'short', code_challenge_method: 's256' })).toThrow(
      /between 43 and 128/,
    );
  });
});
