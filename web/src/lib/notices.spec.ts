import { describe, expect, it } from 'vitest';
import { NOTICES, linkNotice, readNotice } from './notices.ts';

describe('readNotice', () => {
  it('returns a known notice', () => {
    expect(readNotice('signed-out')).toEqual({ tone: 'success', text: 'You are signed out.' });
  });

  it('ignores unknown keys, inherited names and absence', () => {
    expect(readNotice('Your account is locked, call 555')).toBeNull();
    expect(readNotice('toString')).toBeNull();
    expect(readNotice(null)).toBeNull();
  });
});

describe('linkNotice', () => {
  it('maps Auth error codes to notices that exist', () => {
    expect(linkNotice('otp_expired')).toBe('link-expired');
    expect(linkNotice('flow_state_not_found')).toBe('link-other-browser');
    expect(linkNotice('bad_code_verifier')).toBe('link-other-browser');
    expect(linkNotice('pkce_code_verifier_not_found')).toBe('link-other-browser');
    expect(linkNotice('invalid_link')).toBe('link-incomplete');
    expect(linkNotice('network')).toBe('auth-unavailable');
    expect(linkNotice(undefined)).toBe('link-expired');
    for (const code of ['otp_expired', 'invalid_link', 'network', 'bad_code_verifier']) {
      expect(NOTICES[linkNotice(code)]).toBeDefined();
    }
  });
});
