import { describe, expect, it } from 'vitest';
import { anonClient, serviceClient, signedInClient, stack, uniqueEmail } from '../../support/stack.ts';

describe('auth: admin API', () => {
  it('creates a confirmed user with metadata through admin.createUser', async () => {
    const email = uniqueEmail('admin-create');
    const { data, error } = await serviceClient().auth.admin.createUser({
      email,
      password: 'correct-horse-battery',
      email_confirm: true,
      user_metadata: { name: 'Grace' },
      app_metadata: { plan: 'pro' },
    });
    expect(error).toBeNull();
    expect(data.user?.email).toBe(email);
    expect(data.user?.email_confirmed_at).toBeTruthy();
    expect(data.user?.user_metadata).toEqual({ name: 'Grace' });
    expect(data.user?.app_metadata).toMatchObject({ provider: 'email', providers: ['email'], plan: 'pro' });
    expect((await anonClient().auth.signInWithPassword({ email, password: 'correct-horse-battery' })).error).toBeNull();
  });

  it('refuses creating a user whose address is taken with email_exists', async () => {
    const email = uniqueEmail('admin-dup');
    await serviceClient().auth.admin.createUser({ email, email_confirm: true });
    const { error } = await serviceClient().auth.admin.createUser({ email, email_confirm: true });
    expect(error?.status).toBe(422);
    expect(error?.code).toBe('email_exists');
  });

  it('pages through users with listUsers, reporting the total and the next page', async () => {
    const admin = serviceClient();
    for (let i = 0; i < 3; i++)
      await admin.auth.admin.createUser({ email: uniqueEmail('admin-list'), email_confirm: true });
    const { data, error } = await admin.auth.admin.listUsers({ page: 1, perPage: 2 });
    expect(error).toBeNull();
    expect(data.users).toHaveLength(2);
    expect((data as any).total).toBeGreaterThanOrEqual(3);
    expect((data as any).nextPage).toBe(2);
    const page2 = await admin.auth.admin.listUsers({ page: 2, perPage: 2 });
    expect(page2.data.users).toHaveLength(2);
    expect(page2.data.users[0].id).not.toBe(data.users[0].id);
  });

  it('reads, updates and deletes a user by id', async () => {
    const admin = serviceClient();
    const { data: created } = await admin.auth.admin.createUser({
      email: uniqueEmail('admin-crud'),
      email_confirm: true,
      user_metadata: { a: 1 },
    });
    const id = created.user!.id;
    expect((await admin.auth.admin.getUserById(id)).data.user?.id).toBe(id);

    const { data: updated, error } = await admin.auth.admin.updateUserById(id, {
      user_metadata: { b: 2 },
      app_metadata: { role: 'manager' },
      password: 'admin-set-password',
    });
    expect(error).toBeNull();
    expect(updated.user?.user_metadata).toEqual({ a: 1, b: 2 });
    expect(updated.user?.app_metadata).toMatchObject({ role: 'manager' });
    expect(
      (await anonClient().auth.signInWithPassword({ email: created.user!.email!, password: 'admin-set-password' }))
        .error,
    ).toBeNull();

    expect((await admin.auth.admin.deleteUser(id)).error).toBeNull();
    const gone = await admin.auth.admin.getUserById(id);
    expect(gone.error?.status).toBe(404);
    expect(gone.error?.code).toBe('user_not_found');
  });

  it('bans a user so that password sign-in is refused', async () => {
    const admin = serviceClient();
    const email = uniqueEmail('banned');
    const { data } = await admin.auth.admin.createUser({
      email,
      password: 'correct-horse-battery',
      email_confirm: true,
    });
    await admin.auth.admin.updateUserById(data.user!.id, { ban_duration: '24h' });
    const { error } = await anonClient().auth.signInWithPassword({ email, password: 'correct-horse-battery' });
    expect(error?.code).toBe('user_banned');
  });

  it('refuses admin calls made with a user token with not_admin', async () => {
    const { client } = await signedInClient();
    const jwt = (await client.auth.getSession()).data.session!.access_token;
    const res = await fetch(`${stack.url}/auth/v1/admin/users`, {
      headers: { apikey: stack.anonKey, authorization: `Bearer ${jwt}`, 'x-supabase-api-version': '2024-01-01' },
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as any).code).toBe('not_admin');
    const { error } = await anonClient().auth.admin.listUsers();
    expect(error?.code).toBe('not_admin');
  });
});
