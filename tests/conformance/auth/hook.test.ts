// Needs the stack to run with AUTH_HOOK_CUSTOM_ACCESS_TOKEN_URI=pg-functions://postgres/public/custom_access_token_hook
// and tests/conformance/fixtures/auth.sql applied.
import { describe, expect, it } from 'vitest';
import { anonClient, serviceClient, signedInClient, uniqueEmail } from '../../support/stack.ts';
import { claimsOf } from './helpers.ts';

describe('auth: custom access-token hook', () => {
  it('adds the claim the hook returns to tokens from sign-in and refresh', async () => {
    const email = uniqueEmail('hooked');
    await serviceClient().auth.admin.createUser({
      email,
      password: 'correct-horse-battery',
      email_confirm: true,
      user_metadata: { hook_claim: 'biz-42' },
    });
    const signin = await anonClient().auth.signInWithPassword({ email, password: 'correct-horse-battery' });
    expect(claimsOf(signin.data.session!.access_token)).toMatchObject({
      tenant_hint: 'biz-42',
      hook_method: 'password',
    });
    const refreshed = await anonClient().auth.refreshSession({ refresh_token: signin.data.session!.refresh_token });
    expect(claimsOf(refreshed.data.session!.access_token)).toMatchObject({
      tenant_hint: 'biz-42',
      hook_method: 'token_refresh',
    });
  });

  it('leaves the claims of users the hook does not target unchanged', async () => {
    const { client } = await signedInClient();
    const claims = claimsOf((await client.auth.getSession()).data.session!.access_token);
    expect(claims).not.toHaveProperty('tenant_hint');
    expect(claims.role).toBe('authenticated');
  });

  it('refuses to issue a token when the hook answers with an error, using its status and message', async () => {
    const email = uniqueEmail('hook-rejected');
    await serviceClient().auth.admin.createUser({
      email,
      password: 'correct-horse-battery',
      email_confirm: true,
      user_metadata: { hook_reject: true },
    });
    const { data, error } = await anonClient().auth.signInWithPassword({ email, password: 'correct-horse-battery' });
    expect(data.session).toBeNull();
    expect(error?.status).toBe(403);
    expect(error?.message).toBe('The hook refused this user');
  });
});
