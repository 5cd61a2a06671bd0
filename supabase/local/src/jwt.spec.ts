import { describe, expect, it } from 'vitest';
import { JwtError, signJwt, verifyJwt } from './jwt.ts';

const secret = 'a-test-secret-that-is-at-least-32-characters';

describe('jwt', () => {
  it('verifies a token it signed and returns its claims', () => {
    const token = signJwt({ sub: 'u1', role: 'authenticated', exp: 4_000_000_000 }, secret);
    expect(verifyJwt(token, secret)).toMatchObject({ sub: 'u1', role: 'authenticated' });
  });

  it('rejects a token signed with another secret', () => {
    const token = signJwt({ role: 'anon' }, 'another-secret-that-is-at-least-32-characters');
    expect(() => verifyJwt(token, secret)).toThrow(JwtError);
    try {
      verifyJwt(token, secret);
    } catch (e) {
      expect((e as JwtError).reason).toBe('signature');
    }
  });

  it('rejects an expired token', () => {
    const token = signJwt({ role: 'anon', exp: 1000 }, secret);
    try {
      verifyJwt(token, secret, { now: 2000 });
      expect.unreachable();
    } catch (e) {
      expect((e as JwtError).reason).toBe('expired');
    }
  });

  it('rejects a tampered payload', () => {
    const [h, , s] = signJwt({ role: 'anon' }, secret).split('.');
    const forged = `${h}.${Buffer.from(JSON.stringify({ role: 'service_role' })).toString('base64url')}.${s}`;
    expect(() => verifyJwt(forged, secret)).toThrow(/Invalid/);
  });

  it('rejects tokens that are not three parts or use another algorithm', () => {
    expect(() => verifyJwt('abc', secret)).toThrow(JwtError);
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"role":"service_role"}').toString('base64url')}.`;
    expect(() => verifyJwt(none, secret)).toThrow(/algorithm/);
  });
});

describe('jwt claims and encoding', () => {
  const now = 1_000_000;
  const reasonOf = (token: string, opts = {}) => {
    try {
      verifyJwt(token, secret, { now, ...opts });
      return 'accepted';
    } catch (e) {
      return (e as JwtError).reason;
    }
  };

  it('refuses an exp or nbf that is not a number, even when the caller judges exp itself', () => {
    expect(reasonOf(signJwt({ role: 'anon', exp: '1000' }, secret))).toBe('claims');
    expect(reasonOf(signJwt({ role: 'anon', exp: '1000' }, secret), { checkExpiry: false })).toBe('claims');
    expect(reasonOf(signJwt({ role: 'anon', exp: null }, secret))).toBe('claims');
    expect(reasonOf(signJwt({ role: 'anon', nbf: '1' }, secret))).toBe('claims');
  });

  it('refuses a token before its nbf and accepts it from then on', () => {
    expect(reasonOf(signJwt({ role: 'anon', nbf: now + 60 }, secret))).toBe('claims');
    expect(reasonOf(signJwt({ role: 'anon', nbf: now }, secret))).toBe('accepted');
  });

  it('accepts tokens for the authenticated audience or none, and refuses others', () => {
    expect(reasonOf(signJwt({ role: 'anon' }, secret))).toBe('accepted');
    expect(reasonOf(signJwt({ aud: 'authenticated' }, secret))).toBe('accepted');
    expect(reasonOf(signJwt({ aud: ['x', 'authenticated'] }, secret))).toBe('accepted');
    expect(reasonOf(signJwt({ aud: 'other' }, secret))).toBe('claims');
    expect(reasonOf(signJwt({ aud: 'other' }, secret), { audiences: ['other'] })).toBe('accepted');
  });

  it('refuses padding or foreign characters in any part', () => {
    const token = signJwt({ role: 'anon' }, secret);
    expect(reasonOf(token)).toBe('accepted');
    expect(reasonOf(`${token}=`)).toBe('signature');
    expect(reasonOf(`${token}==`)).toBe('signature');
    const [h, b, s] = token.split('.');
    expect(reasonOf(`${h}=.${b}.${s}`)).toBe('malformed');
    expect(reasonOf(`${h}.${b}+.${s}`)).toBe('malformed');
  });
});
