import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { signJwt } from '../jwt.ts';
import { jwtProblem } from './index.ts';

const secret = 'super-secret-jwt-token-with-at-least-32-characters-long';
const withAuth = (authorization?: string) =>
  ({ headers: authorization === undefined ? {} : { authorization } }) as IncomingMessage;
const inAMinute = () => Math.floor(Date.now() / 1000) + 60;

describe('jwtProblem', () => {
  it('lets a valid HS256 token through', () => {
    expect(
      jwtProblem(withAuth(`Bearer ${signJwt({ role: 'anon', exp: inAMinute() }, secret)}`), secret),
    ).toBeUndefined();
  });

  it('names a missing header and a non-Bearer scheme as the CLI does', () => {
    expect(jwtProblem(withAuth(), secret)).toBe('Error: Missing authorization header');
    expect(jwtProblem(withAuth('Basic abc'), secret)).toBe("Error: Auth header is not 'Bearer {token}'");
  });

  it('calls a bad signature, an expired token or garbage an Invalid JWT', () => {
    expect(jwtProblem(withAuth(`Bearer ${signJwt({ exp: inAMinute() }, 'x'.repeat(40))}`), secret)).toBe('Invalid JWT');
    expect(jwtProblem(withAuth(`Bearer ${signJwt({ exp: 1 }, secret)}`), secret)).toBe('Invalid JWT');
    expect(jwtProblem(withAuth('Bearer not-a-jwt'), secret)).toBe('Invalid JWT');
  });
});
