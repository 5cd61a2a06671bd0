import { describe, expect, it } from 'vitest';
import { anonClient, db, stack, uniqueEmail } from '../../support/stack.ts';
import { authFetch, claimsOf } from './helpers.ts';

const settings = (await (await authFetch('/settings')).json()) as { mailer_autoconfirm: boolean };

// These expect the auto-confirming stack the suite runs on; signup-confirmation.test.ts covers the other mode.
describe.runIf(settings.mailer_autoconfirm)('auth: sign-up', () => {
  it('signs a new user up and returns a session whose access token carries GoTrue claims', async () => {
    const email = uniqueEmail('signup');
    const { data, error } = await anonClient().auth.signUp({
      email,
      password: 'correct-horse-battery',
      options: { data: { name: 'Ada' } },
    });
    expect(error).toBeNull();
    expect(data.session).not.toBeNull();
    expect(data.user?.email).toBe(email);
    expect(data.user?.user_metadata).toEqual({ name: 'Ada' });
    expect(data.user?.email_confirmed_at).toBeTruthy();
    const c = claimsOf(data.session!.access_token);
    expect(c).toMatchObject({
      iss: `${stack.url}/auth/v1`,
      sub: data.user!.id,
      aud: 'authenticated',
      email,
      phone: '',
      role: 'authenticated',
      aal: 'aal1',
      is_anonymous: false,
      app_metadata: { provider: 'email', providers: ['email'] },
      user_metadata: { name: 'Ada' },
    });
    expect(c.exp - c.iat).toBe(3600);
    expect(c.amr).toEqual([{ method: 'password', timestamp: expect.any(Number) }]);
    expect(data.session!.expires_in).toBe(3600);
    const conn = await db();
    try {
      const { rows } = await conn.query(`select 1 from auth.sessions where id = $1 and user_id = $2`, [
        c.session_id,
        c.sub,
      ]);
      expect(rows).toHaveLength(1);
    } finally {
      await conn.end();
    }
  });

  it('refuses a second sign-up of the same address with user_already_exists', async () => {
    const email = uniqueEmail('signup-twice');
    await anonClient().auth.signUp({ email, password: 'correct-horse-battery' });
    const { data, error } = await anonClient().auth.signUp({ email, password: 'correct-horse-battery' });
    expect(data.session).toBeNull();
    expect(error?.status).toBe(422);
    expect(error?.code).toBe('user_already_exists');
  });

  it('refuses a password shorter than the minimum with weak_password and its reasons', async () => {
    const { error } = await anonClient().auth.signUp({ email: uniqueEmail('weak'), password: 'short' });
    expect(error?.name).toBe('AuthWeakPasswordError');
    expect(error?.status).toBe(422);
    expect(error?.code).toBe('weak_password');
    expect((error as any).reasons).toEqual(['length']);
  });

  it('refuses an address that is not an e-mail with validation_failed', async () => {
    const { error } = await anonClient().auth.signUp({ email: 'not-an-email', password: 'correct-horse-battery' });
    expect(error?.status).toBe(400);
    expect(error?.code).toBe('validation_failed');
  });

  it('records the sign-up and the login in the audit log', async () => {
    const email = uniqueEmail('audited');
    const { data } = await anonClient().auth.signUp({ email, password: 'correct-horse-battery' });
    const conn = await db();
    try {
      const { rows } = await conn.query(
        `select payload ->> 'action' as action from auth.audit_log_entries where payload ->> 'actor_id' = $1 order by created_at`,
        [data.user!.id],
      );
      expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(['user_signedup', 'login']));
    } finally {
      await conn.end();
    }
  });
});
