// The admin API (service_role only): users CRUD with pagination, invitations and generated links.
import { requireAdmin } from '../context.ts';
import { audit, tx, type Db } from '../db.ts';
import { badRequest, notFound, unprocessable } from '../errors.ts';
import { verifyLink } from '../mail.ts';
import { issueToken, type TokenKind } from '../otp.ts';
import { redirectTarget } from '../redirect.ts';
import { sendTokenMail } from '../send.ts';
import {
  insertUser,
  isUuid,
  mergeMetadata,
  setPassword,
  userByEmail,
  userById,
  userJson,
  validEmail,
  type UserRow,
} from '../users.ts';
import { checkPassword } from './session.ts';
import type { Handler } from './types.ts';

const obj = (v: unknown): Record<string, unknown> | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

/** ban_duration: "none" lifts a ban, otherwise a Go duration such as "24h" or "90m". */
function banUntil(v: unknown): Date | null | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (v === 'none') return null;
  const m = /^(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)$/.exec(String(v));
  if (!m) throw badRequest('validation_failed', 'invalid format for ban duration');
  const ms = Number(m[1]) * { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2]]!;
  return new Date(Date.now() + ms);
}

async function mustFind(db: Db, id: string): Promise<UserRow> {
  const user = isUuid(id) ? await userById(db, id) : undefined;
  if (!user) throw notFound('user_not_found', 'User not found');
  return user;
}

export const createUser: Handler = async (state, call) => {
  requireAdmin(state, call);
  const b = call.body;
  if (!b.email && b.phone)
    throw unprocessable('phone_provider_disabled', 'Phone users are not supported by the local stack');
  if (!validEmail(b.email)) throw badRequest('validation_failed', 'Unable to validate email address: invalid format');
  const password =
    b.password === undefined || b.password === null
      ? null
      : checkPassword(b.password, state.config.auth.minimumPasswordLength);
  const ban = banUntil(b.ban_duration);
  return tx(state.pool, async (db) => {
    let user = await insertUser(db, {
      email: b.email,
      password,
      confirmed: Boolean(b.email_confirm),
      userMetadata: obj(b.user_metadata) ?? obj(b.data) ?? {},
      appMetadata: obj(b.app_metadata) ?? {},
      role: typeof b.role === 'string' && b.role ? b.role : undefined,
    });
    if (ban !== undefined) await db.query(`update auth.users set banned_until = $2 where id = $1`, [user.id, ban]);
    user = (await userById(db, user.id))!;
    await audit(db, call.ip, 'user_signedup', { id: user.id, email: user.email }, 'team', {
      provider: 'email',
      user_id: user.id,
    });
    return { status: 200, body: userJson(user) };
  });
};

export const listUsers: Handler = async (state, call) => {
  requireAdmin(state, call);
  const q = call.url.searchParams;
  const page = Math.max(1, Number.parseInt(q.get('page') || '1', 10) || 1);
  const perPage = Math.min(1000, Math.max(1, Number.parseInt(q.get('per_page') || '50', 10) || 50));
  return tx(state.pool, async (db) => {
    const { rows: count } = await db.query(`select count(*)::int as n from auth.users where deleted_at is null`);
    const total: number = count[0].n;
    const { rows: ids } = await db.query(
      `select id from auth.users where deleted_at is null order by created_at desc, id limit $1 offset $2`,
      [perPage, (page - 1) * perPage],
    );
    const users = [];
    for (const r of ids) users.push(userJson((await userById(db, r.id))!));
    const last = Math.max(1, Math.ceil(total / perPage));
    const links = [];
    if (page < last) links.push(`</admin/users?page=${page + 1}&per_page=${perPage}>; rel="next"`);
    links.push(`</admin/users?page=${last}&per_page=${perPage}>; rel="last"`);
    return {
      status: 200,
      body: { users, aud: 'authenticated' },
      headers: { 'x-total-count': String(total), link: links.join(', ') },
    };
  });
};

export const getUserById: Handler = async (state, call, p) => {
  requireAdmin(state, call);
  return tx(state.pool, async (db) => ({ status: 200, body: userJson(await mustFind(db, p.id)) }));
};

export const updateUserById: Handler = async (state, call, p) => {
  requireAdmin(state, call);
  const b = call.body;
  if (b.email !== undefined && !validEmail(b.email))
    throw badRequest('validation_failed', 'Unable to validate email address: invalid format');
  const password =
    b.password === undefined ? undefined : checkPassword(b.password, state.config.auth.minimumPasswordLength);
  const ban = banUntil(b.ban_duration);
  return tx(state.pool, async (db) => {
    const user = await mustFind(db, p.id);
    if (b.email !== undefined && b.email.toLowerCase() !== user.email?.toLowerCase()) {
      if (await userByEmail(db, b.email))
        throw unprocessable('email_exists', 'A user with this email address has already been registered');
      await db.query(`update auth.users set email = lower($2), email_change = '' where id = $1`, [user.id, b.email]);
      await db.query(
        `update auth.identities set identity_data = identity_data || jsonb_build_object('email', lower($2)) where user_id = $1 and provider = 'email'`,
        [user.id, b.email],
      );
    }
    if (password !== undefined) await setPassword(db, user.id, password);
    if (b.email_confirm === true)
      await db.query(`update auth.users set email_confirmed_at = coalesce(email_confirmed_at, now()) where id = $1`, [
        user.id,
      ]);
    if (b.email_confirm === false)
      await db.query(`update auth.users set email_confirmed_at = null where id = $1`, [user.id]);
    const um = obj(b.user_metadata) ?? obj(b.data);
    if (um)
      await db.query(`update auth.users set raw_user_meta_data = $2 where id = $1`, [
        user.id,
        JSON.stringify(mergeMetadata(user.raw_user_meta_data, um)),
      ]);
    const am = obj(b.app_metadata);
    if (am)
      await db.query(`update auth.users set raw_app_meta_data = $2 where id = $1`, [
        user.id,
        JSON.stringify(mergeMetadata(user.raw_app_meta_data, am)),
      ]);
    if (typeof b.role === 'string' && b.role)
      await db.query(`update auth.users set role = $2 where id = $1`, [user.id, b.role]);
    if (ban !== undefined) {
      await db.query(`update auth.users set banned_until = $2 where id = $1`, [user.id, ban]);
      if (ban) await db.query(`delete from auth.sessions where user_id = $1`, [user.id]);
    }
    await db.query(`update auth.users set updated_at = now() where id = $1`, [user.id]);
    await audit(db, call.ip, 'user_modified', { id: user.id, email: user.email }, 'user');
    return { status: 200, body: userJson((await userById(db, user.id))!) };
  });
};

export const deleteUser: Handler = async (state, call, p) => {
  requireAdmin(state, call);
  return tx(state.pool, async (db) => {
    const user = await mustFind(db, p.id);
    if (call.body.should_soft_delete === true) {
      // A soft delete keeps the row for references but frees the address and ends every session.
      await db.query(
        `update auth.users set deleted_at = now(), email = null, phone = null, encrypted_password = '',
           raw_user_meta_data = '{}', updated_at = now() where id = $1`,
        [user.id],
      );
      await db.query(`delete from auth.identities where user_id = $1`, [user.id]);
      await db.query(`delete from auth.sessions where user_id = $1`, [user.id]);
    } else {
      await db.query(`delete from auth.users where id = $1`, [user.id]);
    }
    await audit(db, call.ip, 'user_deleted', { id: user.id, email: user.email }, 'team');
    return { status: 200, body: {} };
  });
};

export const invite: Handler = async (state, call) => {
  requireAdmin(state, call);
  const b = call.body;
  if (!validEmail(b.email)) throw badRequest('validation_failed', 'Unable to validate email address: invalid format');
  const redirectTo = redirectTarget(state.config.auth, call.url.searchParams.get('redirect_to') ?? b.redirect_to);
  return tx(state.pool, async (db) => {
    let user = await userByEmail(db, b.email);
    if (user?.email_confirmed_at)
      throw unprocessable('email_exists', 'A user with this email address has already been registered');
    if (!user) user = await insertUser(db, { email: b.email, invited: true, userMetadata: obj(b.data) ?? {} });
    else await db.query(`update auth.users set invited_at = now() where id = $1`, [user.id]);
    await sendTokenMail(state, call, db, {
      user,
      mail: 'invite',
      token: 'confirmation',
      to: user.email!,
      redirectTo,
      pkce: false,
    });
    await audit(db, call.ip, 'user_invited', { id: user.id, email: user.email }, 'team');
    return { status: 200, body: userJson((await userById(db, user.id))!) };
  });
};

const LINK_TOKENS: Record<string, { token: TokenKind; verification: string }> = {
  signup: { token: 'confirmation', verification: 'signup' },
  invite: { token: 'confirmation', verification: 'invite' },
  magiclink: { token: 'recovery', verification: 'magiclink' },
  recovery: { token: 'recovery', verification: 'recovery' },
  email_change_current: { token: 'email_change_current', verification: 'email_change' },
  email_change_new: { token: 'email_change_new', verification: 'email_change' },
};

export const generateLink: Handler = async (state, call) => {
  requireAdmin(state, call);
  const b = call.body;
  let type: string = b.type;
  if (!(type in LINK_TOKENS)) throw badRequest('validation_failed', 'Invalid email action link type requested');
  if (!validEmail(b.email)) throw badRequest('validation_failed', 'Unable to validate email address: invalid format');
  const redirectTo = redirectTarget(state.config.auth, b.redirect_to ?? call.url.searchParams.get('redirect_to'));
  const data = obj(b.data) ?? {};
  return tx(state.pool, async (db) => {
    let user = await userByEmail(db, b.email);
    if (!user && type === 'magiclink') type = 'signup'; // a magic link for a stranger signs them up, as GoTrue does
    if (!user && (type === 'recovery' || type.startsWith('email_change')))
      throw notFound('user_not_found', 'User with this email not found');
    if (type === 'signup' || type === 'invite') {
      if (user?.email_confirmed_at)
        throw unprocessable('email_exists', 'A user with this email address has already been registered');
      const password =
        type === 'signup' && b.password !== undefined
          ? checkPassword(b.password, state.config.auth.minimumPasswordLength)
          : null;
      if (!user)
        user = await insertUser(db, { email: b.email, password, userMetadata: data, invited: type === 'invite' });
      else if (type === 'invite') await db.query(`update auth.users set invited_at = now() where id = $1`, [user.id]);
    }
    let address = user!.email!;
    if (type.startsWith('email_change')) {
      if (!validEmail(b.new_email)) throw badRequest('validation_failed', 'The new_email address provided is invalid');
      if (await userByEmail(db, b.new_email))
        throw unprocessable('email_exists', 'A user with this email address has already been registered');
      // One generated link completes the change on its own (status 1 = the other side counts as confirmed).
      await db.query(`update auth.users set email_change = lower($2), email_change_confirm_status = 1 where id = $1`, [
        user!.id,
        b.new_email,
      ]);
      if (type === 'email_change_new') address = b.new_email.toLowerCase();
    }
    const link = LINK_TOKENS[type];
    const fresh = (await userById(db, user!.id))!;
    const { otp, hashed } = await issueToken(db, fresh, link.token, address, state.config.auth.otpLength);
    const after = (await userById(db, user!.id))!;
    return {
      status: 200,
      body: {
        ...userJson(after),
        action_link: verifyLink(state.config.apiUrl, hashed, link.verification, redirectTo),
        email_otp: otp,
        hashed_token: hashed,
        verification_type: link.verification,
        redirect_to: redirectTo,
      },
    };
  });
};
