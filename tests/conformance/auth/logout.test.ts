import { describe, expect, it } from 'vitest';
import { anonClient, db, serviceClient, uniqueEmail } from '../../support/stack.ts';
import { claimsOf } from './helpers.ts';
import { sessionClient } from './helpers.ts';

/** One user signed in three times (three sessions), each in its own client. */
async function threeSessions() {
  const email = uniqueEmail('logout');
  const password = 'correct-horse-battery';
  await serviceClient().auth.admin.createUser({ email, password, email_confirm: true });
  const clients = [sessionClient(), sessionClient(), sessionClient()];
  for (const c of clients) {
    const { error } = await c.auth.signInWithPassword({ email, password });
    if (error) throw error;
  }
  const tokens = await Promise.all(clients.map(async (c) => (await c.auth.getSession()).data.session!));
  return { clients, tokens };
}

/** Whether a session still works: its access token still passes GET /user. */
async function alive(session: { access_token: string }): Promise<boolean> {
  const { error } = await anonClient().auth.getUser(session.access_token);
  return !error;
}

describe('auth: sign-out scopes', () => {
  it('ends only the current session with scope local', async () => {
    const { clients, tokens } = await threeSessions();
    const { error } = await clients[0].auth.signOut({ scope: 'local' });
    expect(error).toBeNull();
    expect(await Promise.all(tokens.map(alive))).toEqual([false, true, true]);
  });

  it('ends every other session with scope others', async () => {
    const { clients, tokens } = await threeSessions();
    await clients[0].auth.signOut({ scope: 'others' });
    expect(await Promise.all(tokens.map(alive))).toEqual([true, false, false]);
  });

  it('ends all sessions of the user with scope global and invalidates their refresh tokens', async () => {
    const { clients, tokens } = await threeSessions();
    await clients[0].auth.signOut({ scope: 'global' });
    expect(await Promise.all(tokens.map(alive))).toEqual([false, false, false]);
    const { error } = await anonClient().auth.refreshSession({ refresh_token: tokens[1].refresh_token });
    expect(error?.code).toBe('refresh_token_not_found');
  });

  it('records the logout with its scope in the audit log', async () => {
    const { clients, tokens } = await threeSessions();
    await clients[0].auth.signOut({ scope: 'others' });
    const conn = await db();
    try {
      const { rows } = await conn.query(
        `select payload -> 'traits' ->> 'scope' as scope from auth.audit_log_entries
         where payload ->> 'actor_id' = $1 and payload ->> 'action' = 'logout'`,
        [claimsOf(tokens[0].access_token).sub],
      );
      expect(rows).toEqual([{ scope: 'others' }]);
    } finally {
      await conn.end();
    }
  });
});
