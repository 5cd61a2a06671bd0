import { describe, expect, it } from 'vitest';
import { GENERIC_AUTH_MESSAGE, UNAVAILABLE_AUTH_MESSAGE, authMessage } from './auth-messages.ts';

describe('authMessage', () => {
  it('translates known GoTrue codes', () => {
    expect(authMessage({ code: 'invalid_credentials', status: 400 })).toBe('Wrong e-mail address or password.');
    expect(authMessage({ code: 'otp_expired', status: 403 })).toMatch(/expired/);
  });

  it('treats any 429 as a rate limit', () => {
    expect(authMessage({ code: 'something_new', status: 429 })).toMatch(/Too many attempts/);
  });

  it('reports an unreachable service for 5xx and network failures', () => {
    expect(authMessage({ status: 502 })).toBe(UNAVAILABLE_AUTH_MESSAGE);
    expect(authMessage({})).toBe(UNAVAILABLE_AUTH_MESSAGE);
  });

  it('stays generic for other client errors', () => {
    expect(authMessage({ code: 'validation_failed', status: 400 })).toBe(GENERIC_AUTH_MESSAGE);
  });
});
