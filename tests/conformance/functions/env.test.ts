import { describe, expect, it } from 'vitest';
import { anonClient, stack } from '../../support/stack.ts';

describe('functions: environment', () => {
  it('gives a function the edge runtime variables and the secrets file, and none of the host environment', async () => {
    const { data, error } = await anonClient().functions.invoke('env-vars', { method: 'GET' });
    expect(error).toBeNull();
    expect(data.names).toEqual(
      expect.arrayContaining([
        'SUPABASE_URL',
        'SUPABASE_ANON_KEY',
        'SUPABASE_SERVICE_ROLE_KEY',
        'SUPABASE_DB_URL',
        'FIXTURE_SECRET',
      ]),
    );
    expect(data.supabaseUrl).toBe(stack.url);
    expect(data.fixtureSecret).toBe('from-functions-env');
    for (const hostOnly of [
      'HOME',
      'PATH',
      'PWD',
      'HOSTNAME',
      'DENO_DIR',
      'DENO_TLS_CA_STORE',
      'DENO_NO_PACKAGE_JSON',
    ]) {
      expect(data.names).not.toContain(hostOnly);
    }
  });
});
