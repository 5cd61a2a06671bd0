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
    try { verifyJwt(token, secret); } catch (e) { expect((e as JwtError).reason).toBe('signature'); }
  });

  it('rejects an expired token', () => {
    const token = signJwt({ role: 'anon', exp: 1000 }, secret);
    try {
      verifyJwt(token, secret, 2000);
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
