import { describe, expect, it } from 'vitest';
import { readConfirmLink } from './confirm-link.ts';

const read = (query: string) => readConfirmLink(new URLSearchParams(query));

describe('readConfirmLink', () => {
  it('reads a PKCE code', () => {
    expect(read('code=abc&next=/account/password')).toEqual({ kind: 'code', code: 'abc' });
  });

  it('reads a token hash with its type', () => {
    expect(read('token_hash=h1&type=recovery')).toEqual({ kind: 'token_hash', tokenHash: 'h1', type: 'recovery' });
  });

  it('refuses a token hash with an unknown or missing type', () => {
    expect(read('token_hash=h1&type=sms')).toEqual({ kind: 'invalid' });
    expect(read('token_hash=h1')).toEqual({ kind: 'invalid' });
  });

  it('reports an error Supabase sent back, preferring the error code', () => {
    expect(read('error=access_denied&error_code=otp_expired&error_description=Email+link+is+invalid')).toEqual({
      kind: 'error',
      code: 'otp_expired',
      description: 'Email link is invalid',
    });
    expect(read('error=server_error')).toEqual({ kind: 'error', code: 'server_error', description: '' });
  });

  it('treats an empty query as invalid', () => {
    expect(read('')).toEqual({ kind: 'invalid' });
  });
});
