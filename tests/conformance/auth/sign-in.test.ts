import { describe, expect, it } from 'vitest';
import { anonClient, db, serviceClient, uniqueEmail } from '../../support/stack.ts';
import { claimsOf } from './helpers.ts';

describe('auth: password sign-in', () => {
  it('signs in with the right password and returns a session for that user', async () => {
    const email = uniqueEmail('signin');
    await serviceClient().auth.admin.createUser({ email, password: 'correct-horse-battery', email_confirm: true });
    const { data, error } = await anonClient().auth.signInWithPassword({ email, password: 'correct-horse-battery' });
    expect(error).toBeNull();
    expect(data.user?.email).toBe(email);
    expect(data.user?.last_sign_in_at).toBeTruthy();
    expect(claimsOf(data.session!.access_token).sub).toBe(data.user!.id);
  });

  it('refuses a wrong password with invalid_credentials', async () => {
    const email = uniqueEmail('wrongpw');
    await serviceClient().auth.admin.createUser({ email, password: 'correct-horse-battery', email_confirm: true });
    const { data, error } = await anonClient().auth.signInWithPassword({ email, password: 'incorrect-horse' });
    expect(data.session).toBeNull();
    expect(error?.status).toBe(400);
    expect(error?.code).toBe('invalid_credentials');
    expect(error?.message).toBe('Invalid login credentials');
  });

  it('answers an unknown address exactly like a wrong password', async () => {
    const { error } = await anonClient().auth.signInWithPassword({
      email: uniqueEmail('nobody'),
      password: 'whatever-password',
    });
    expect(error?.status).toBe(400);
    expect(error?.code).toBe('invalid_credentials');
  });

  it('signs in a user a seed inserted with crypt() and gen_salt()', async () => {
    const email = uniqueEmail('seeded');
    const conn = await db();
    try {
      await conn.query(
        `insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
         values ('00000000-0000-0000-0000-000000000000', gen_random_uuid(), 'authenticated', 'authenticated', $1,
           extensions.crypt('seeded-password', extensions.gen_salt('bf')), now(), '{"provider":"email","providers":["email"]}', '{}', now(), now())`,
        [email],
      );
    } finally {
      await conn.end();
    }
    const { data, error } = await anonClient().auth.signInWithPassword({ email, password: 'seeded-password' });
    expect(error).toBeNull();
    expect(data.user?.email).toBe(email);
  });

  it('refuses a user whose e-mail is not confirmed with email_not_confirmed', async () => {
    const email = uniqueEmail('unconfirmed');
    await serviceClient().auth.admin.createUser({ email, password: 'correct-horse-battery' });
    const { error } = await anonClient().auth.signInWithPassword({ email, password: 'correct-horse-battery' });
    expect(error?.status).toBe(400);
    expect(error?.code).toBe('email_not_confirmed');
  });
});
