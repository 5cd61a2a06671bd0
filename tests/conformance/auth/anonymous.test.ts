import { describe, expect, it } from 'vitest';
import { anonClient } from '../../support/stack.ts';
import { authFetch, claimsOf } from './helpers.ts';

const settings = (await (await authFetch('/settings')).json()) as { external: { anonymous_users: boolean } };

describe('auth: anonymous sign-ins', () => {
  it.runIf(!settings.external.anonymous_users)(
    'refuses signInAnonymously with anonymous_provider_disabled when they are off',
    async () => {
      const { data, error } = await anonClient().auth.signInAnonymously();
      expect(data.session).toBeNull();
      expect(error?.status).toBe(422);
      expect(error?.code).toBe('anonymous_provider_disabled');
    },
  );

  it.runIf(settings.external.anonymous_users)('signs in an anonymous user whose token says is_anonymous', async () => {
    const { data, error } = await anonClient().auth.signInAnonymously();
    expect(error).toBeNull();
    expect(data.user?.is_anonymous).toBe(true);
    expect(claimsOf(data.session!.access_token)).toMatchObject({
      is_anonymous: true,
      role: 'authenticated',
      email: '',
    });
  });
});
