// auth.users rows: lookups, creation, password checks and the User JSON GoTrue returns.
import type { Db } from './db.ts';
import { AuthError, unprocessable } from './errors.ts';

export interface UserRow {
  id: string;
  aud: string | null;
  role: string | null;
  email: string | null;
  email_confirmed_at: Date | null;
  phone: string | null;
  phone_confirmed_at: Date | null;
  confirmed_at: Date | null;
  confirmation_sent_at: Date | null;
  recovery_sent_at: Date | null;
  email_change: string | null;
  email_change_sent_at: Date | null;
  email_change_confirm_status: number | null;
  confirmation_token: string | null;
  recovery_token: string | null;
  email_change_token_new: string | null;
  email_change_token_current: string | null;
  invited_at: Date | null;
  last_sign_in_at: Date | null;
  raw_app_meta_data: Record<string, unknown> | null;
  raw_user_meta_data: Record<string, unknown> | null;
  created_at: Date | null;
  updated_at: Date | null;
  banned_until: Date | null;
  deleted_at: Date | null;
  is_anonymous: boolean;
  has_password: boolean;
  identities: IdentityRow[];
}

interface IdentityRow {
  id: string;
  provider_id: string;
  user_id: string;
  identity_data: Record<string, unknown>;
  provider: string;
  last_sign_in_at: string | null;
  created_at: string | null;
  updated_at: string | null;
  email: string | null;
}

const SELECT_USER = `
  select u.*, coalesce(u.encrypted_password, '') <> '' as has_password,
    coalesce((select json_agg(i order by i.created_at) from auth.identities i where i.user_id = u.id), '[]') as identities
  from auth.users u`;

export async function userById(db: Db, id: string): Promise<UserRow | undefined> {
  if (!isUuid(id)) return undefined;
  const { rows } = await db.query(`${SELECT_USER} where u.id = $1`, [id]);
  return rows[0];
}

export async function userByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  const { rows } = await db.query(`${SELECT_USER} where lower(u.email) = lower($1) and not u.is_sso_user`, [email]);
  return rows[0];
}

export const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

/** The same loose check GoTrue makes before it tries to send anything. */
export function validEmail(email: unknown): email is string {
  return typeof email === 'string' && email.length <= 255 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email);
}

/** app_metadata as tokens and the API show it: the email provider defaults plus what is stored. */
export function appMetadata(u: UserRow): Record<string, unknown> {
  if (u.is_anonymous) return u.raw_app_meta_data ?? {};
  return { provider: 'email', providers: ['email'], ...(u.raw_app_meta_data ?? {}) };
}

export function isBanned(u: UserRow): boolean {
  return u.banned_until !== null && u.banned_until.getTime() > Date.now();
}

export function userJson(u: UserRow): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: u.id,
    aud: u.aud ?? '',
    role: u.role ?? '',
    email: u.email ?? '',
  };
  const opt = (k: string, v: unknown) => {
    if (v !== null && v !== undefined && v !== '') out[k] = v;
  };
  opt('email_confirmed_at', u.email_confirmed_at);
  out.phone = u.phone ?? '';
  opt('phone_confirmed_at', u.phone_confirmed_at);
  opt('confirmation_sent_at', u.confirmation_sent_at);
  opt('confirmed_at', u.confirmed_at);
  opt('recovery_sent_at', u.recovery_sent_at);
  opt('new_email', u.email_change);
  opt('email_change_sent_at', u.email_change_sent_at);
  opt('invited_at', u.invited_at);
  opt('last_sign_in_at', u.last_sign_in_at);
  out.app_metadata = appMetadata(u);
  out.user_metadata = u.raw_user_meta_data ?? {};
  out.identities = u.identities.map((i) => ({
    identity_id: i.id,
    id: i.provider_id,
    user_id: i.user_id,
    identity_data: i.identity_data,
    provider: i.provider,
    last_sign_in_at: i.last_sign_in_at,
    created_at: i.created_at,
    updated_at: i.updated_at,
    email: i.email,
  }));
  out.created_at = u.created_at;
  out.updated_at = u.updated_at;
  opt('banned_until', u.banned_until);
  out.is_anonymous = u.is_anonymous;
  return out;
}

export interface NewUser {
  email: string;
  password?: string | null;
  confirmed?: boolean;
  userMetadata?: Record<string, unknown>;
  appMetadata?: Record<string, unknown>;
  role?: string;
  invited?: boolean;
}

/** Inserts a user with its email identity; a taken address is GoTrue's 422 email_exists. */
export async function insertUser(db: Db, n: NewUser): Promise<UserRow> {
  if (await userByEmail(db, n.email)) {
    throw unprocessable('email_exists', 'A user with this email address has already been registered');
  }
  // A failing app trigger on auth.users surfaces as GoTrue's generic message, details in the log.
  await db.query('savepoint new_user');
  const { rows } = await db
    .query(
      `insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at, invited_at,
       raw_app_meta_data, raw_user_meta_data, is_super_admin, created_at, updated_at, confirmation_token, recovery_token,
       email_change_token_new, email_change)
     values ('00000000-0000-0000-0000-000000000000', gen_random_uuid(), 'authenticated', $1, lower($2),
       case when $3::text is null then '' else extensions.crypt($3, extensions.gen_salt('bf', 10)) end,
       case when $4 then now() end, case when $5 then now() end, $6, $7, false, now(), now(), '', '', '', '')
     returning id`,
      [
        n.role ?? 'authenticated',
        n.email,
        n.password ?? null,
        Boolean(n.confirmed),
        Boolean(n.invited),
        JSON.stringify({ provider: 'email', providers: ['email'], ...(n.appMetadata ?? {}) }),
        JSON.stringify(n.userMetadata ?? {}),
      ],
    )
    .catch(async (e) => {
      await db.query('rollback to savepoint new_user');
      throw new AuthError(500, 'unexpected_failure', 'Database error saving new user', {}, e);
    });
  const id: string = rows[0].id;
  await db.query(
    `insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
     values ($1::text, $1::text::uuid, $2, 'email', now(), now(), now())`,
    [
      id,
      JSON.stringify({
        sub: id,
        email: n.email.toLowerCase(),
        email_verified: Boolean(n.confirmed),
        phone_verified: false,
      }),
    ],
  );
  return (await userById(db, id))!;
}

/** Compares a password with the stored bcrypt hash in SQL, so hashes seeded with crypt() work too. */
export async function passwordMatches(db: Db, userId: string, password: string): Promise<boolean> {
  const { rows } = await db.query(
    `select coalesce(encrypted_password, '') <> '' and encrypted_password = extensions.crypt($2, encrypted_password) as ok
     from auth.users where id = $1`,
    [userId, password],
  );
  return Boolean(rows[0]?.ok);
}

/**
 * Spends what a password check costs without an account to check, so an unknown address answers no
 * faster than a wrong password: one bcrypt round at the cost setPassword uses.
 */
export async function spendPasswordCheck(db: Db, password: string): Promise<void> {
  await db.query(`select extensions.crypt($1, extensions.gen_salt('bf', 10))`, [password]);
}

export async function setPassword(db: Db, userId: string, password: string): Promise<void> {
  await db.query(
    `update auth.users set encrypted_password = extensions.crypt($2, extensions.gen_salt('bf', 10)), updated_at = now() where id = $1`,
    [userId, password],
  );
}

/** Marks the e-mail confirmed and says so in the email identity. */
export async function confirmEmail(db: Db, userId: string): Promise<void> {
  await db.query(
    `update auth.users set email_confirmed_at = coalesce(email_confirmed_at, now()), confirmation_token = '', updated_at = now() where id = $1`,
    [userId],
  );
  await db.query(
    `update auth.identities set identity_data = identity_data || '{"email_verified": true}', updated_at = now()
     where user_id = $1 and provider = 'email'`,
    [userId],
  );
}

/** Merges metadata the way GoTrue does: top-level keys replace, a null value removes the key. */
export function mergeMetadata(
  old: Record<string, unknown> | null,
  patch: Record<string, unknown>,
): Record<string, unknown> {
  const out = { ...(old ?? {}) };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = v;
  }
  return out;
}

/** An anonymous user: no e-mail, no identity, is_anonymous set (signInAnonymously). */
export async function insertAnonymousUser(db: Db, userMetadata: Record<string, unknown>): Promise<UserRow> {
  const { rows } = await db
    .query(
      `insert into auth.users (instance_id, id, aud, role, encrypted_password, raw_app_meta_data, raw_user_meta_data,
       is_super_admin, created_at, updated_at, is_anonymous, confirmation_token, recovery_token, email_change_token_new, email_change)
     values ('00000000-0000-0000-0000-000000000000', gen_random_uuid(), 'authenticated', 'authenticated', '', '{}', $1,
       false, now(), now(), true, '', '', '', '')
     returning id`,
      [JSON.stringify(userMetadata)],
    )
    .catch((e) => {
      throw new AuthError(500, 'unexpected_failure', 'Database error saving new user', {}, e);
    });
  return (await userById(db, rows[0].id))!;
}
