import { describe, expect, it } from 'vitest';
import { AuthError } from './errors.ts';
import { checkHookOutput, parseHookUri } from './hook.ts';

const claims = {
  aud: 'authenticated',
  exp: 2,
  iat: 1,
  sub: 'u',
  email: '',
  phone: '',
  role: 'authenticated',
  aal: 'aal1',
  session_id: 's',
  is_anonymous: false,
};

describe('custom access-token hook', () => {
  it('reads the schema and function from a pg-functions URI', () => {
    expect(parseHookUri('pg-functions://postgres/public/custom_access_token_hook')).toEqual({
      schema: 'public',
      fn: 'custom_access_token_hook',
    });
    expect(() => parseHookUri('https://example.com/hook')).toThrow(/unsupported/);
  });

  it('accepts claims that keep every required claim', () => {
    expect(checkHookOutput({ claims: { ...claims, org: 7 } })).toMatchObject({ org: 7 });
  });

  it('rejects claims that drop a required claim', () => {
    const { session_id: _, ...partial } = claims;
    expect(() => checkHookOutput({ claims: partial })).toThrow(/session_id/);
  });

  it('turns a hook error into an AuthError with the hook status, 500 when none is given', () => {
    const e1 = (() => {
      try {
        checkHookOutput({ error: { http_code: 403, message: 'no' } });
      } catch (e) {
        return e;
      }
    })() as AuthError;
    expect(e1).toBeInstanceOf(AuthError);
    expect([e1.status, e1.message]).toEqual([403, 'no']);
    const e2 = (() => {
      try {
        checkHookOutput({ error: { message: 'boom' } });
      } catch (e) {
        return e;
      }
    })() as AuthError;
    expect(e2.status).toBe(500);
  });
});
