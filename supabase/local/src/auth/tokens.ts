// Sessions, refresh-token rotation and access tokens (claims exactly as GoTrue issues them).
import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { signJwt } from '../jwt.ts';
import type { AuthConfig, StackConfig } from '../config.ts';
import type { Db } from './db.ts';
import { AuthError, badRequest, forbidden } from './errors.ts';
import { parseHookUri, runAccessTokenHook } from './hook.ts';
import { appMetadata, isBanned, userById, userJson, type UserRow } from './users.ts';

/** A 12-character URL-safe refresh token, as current GoTrue issues. */
export const newRefreshToken = () => randomBytes(9).toString('base64url');

export interface SessionReply {
  access_token: string;
  token_type: 'bearer';
  expires_in: number;
  expires_at: number;
  refresh_token: string;
  user: Record<string, unknown>;
}

async function amrOf(db: Db, sessionId: string): Promise<Array<{ method: string; timestamp: number }>> {
  const { rows } = await db.query(
    `select authentication_method as method, extract(epoch from updated_at)::bigint as timestamp
     from auth.mfa_amr_claims where session_id = $1 order by updated_at desc`,
    [sessionId],
  );
  return rows.map((r) => ({ method: r.method, timestamp: Number(r.timestamp) }));
}

/** Signs the access token for a session, running the custom access-token hook when configured. */
async function accessToken(
  db: Db,
  config: StackConfig,
  user: UserRow,
  sessionId: string,
  method: string,
): Promise<{ token: string; exp: number; expiresIn: number }> {
  const iat = Math.floor(Date.now() / 1000);
  const expiresIn = config.auth.jwtExpiry;
  let claims: Record<string, unknown> = {
    iss: `${config.apiUrl}/auth/v1`,
    sub: user.id,
    aud: user.aud || 'authenticated',
    exp: iat + expiresIn,
    iat,
    email: user.email ?? '',
    phone: user.phone ?? '',
    app_metadata: appMetadata(user),
    user_metadata: user.raw_user_meta_data ?? {},
    role: user.role || 'authenticated',
    aal: 'aal1',
    amr: await amrOf(db, sessionId),
    session_id: sessionId,
    is_anonymous: user.is_anonymous,
  };
  const hook = config.auth.hooks.customAccessToken;
  if (hook) {
    claims = await runAccessTokenHook(db, parseHookUri(hook.uri), {
      user_id: user.id,
      claims,
      authentication_method: method,
    });
  }
  const exp = typeof claims.exp === 'number' ? claims.exp : iat + expiresIn;
  return { token: signJwt(claims, config.jwtSecret), exp, expiresIn };
}

function reply(user: UserRow, at: { token: string; exp: number; expiresIn: number }, refresh: string): SessionReply {
  return {
    access_token: at.token,
    token_type: 'bearer',
    expires_in: at.expiresIn,
    expires_at: at.exp,
    refresh_token: refresh,
    user: userJson(user),
  };
}

/**
 * Starts a session for a user who just proved who they are (`method` goes into amr: password, otp,
 * magiclink, recovery, invite, email/signup, email_change, pkce).
 */
export async function startSession(
  db: Db,
  config: StackConfig,
  userId: string,
  method: string,
  client: { userAgent?: string; ip?: string } = {},
): Promise<SessionReply> {
  const { rows } = await db.query(
    `insert into auth.sessions (id, user_id, created_at, updated_at, aal, user_agent, ip)
     values (gen_random_uuid(), $1, now(), now(), 'aal1', $2, $3::inet) returning id`,
    [userId, client.userAgent ?? null, client.ip && isIP(client.ip) ? client.ip : null],
  );
  const sessionId: string = rows[0].id;
  await db.query(
    `insert into auth.mfa_amr_claims (session_id, created_at, updated_at, authentication_method, id)
     values ($1, now(), now(), $2, gen_random_uuid())`,
    [sessionId, method],
  );
  const refresh = newRefreshToken();
  await db.query(
    `insert into auth.refresh_tokens (instance_id, token, user_id, revoked, created_at, updated_at, session_id)
     values ('00000000-0000-0000-0000-000000000000', $1, $2, false, now(), now(), $3)`,
    [refresh, userId, sessionId],
  );
  await db.query(`update auth.users set last_sign_in_at = now(), updated_at = now() where id = $1`, [userId]);
  await db.query(`update auth.identities set last_sign_in_at = now() where user_id = $1 and provider = 'email'`, [
    userId,
  ]);
  const user = (await userById(db, userId))!;
  return reply(user, await accessToken(db, config, user, sessionId, method), refresh);
}

/**
 * The refresh_token grant. The token is rotated (revoked, replaced by a child); presenting a revoked
 * token again within the reuse interval returns the active child, later it revokes the whole family.
 */
export async function refreshSession(
  db: Db,
  config: StackConfig,
  token: string,
): Promise<{ session: SessionReply; userId: string; rotated: boolean } | { failure: AuthError }> {
  const auth: AuthConfig = config.auth;
  const { rows } = await db.query(
    `select rt.id, rt.token, rt.user_id, rt.revoked, rt.session_id, rt.parent,
       extract(epoch from now() - rt.updated_at) as age, s.not_after < now() as session_over
     from auth.refresh_tokens rt join auth.sessions s on s.id = rt.session_id
     where rt.token = $1 for update of rt`,
    [token],
  );
  const rt = rows[0];
  if (!rt) throw badRequest('refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found');
  if (rt.session_over) throw forbidden('session_expired', 'Invalid Refresh Token: Session Expired');
  const user = await userById(db, rt.user_id);
  if (!user) throw badRequest('refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found');
  if (isBanned(user)) throw badRequest('user_banned', 'Invalid Refresh Token: User Banned');

  let next: string;
  let rotated = true;
  if (rt.revoked) {
    const { rows: active } = await db.query(
      `select token, parent from auth.refresh_tokens where session_id = $1 and not revoked order by id desc limit 1`,
      [rt.session_id],
    );
    const child = active[0];
    if (
      auth.refreshTokenRotation &&
      Number(rt.age) < auth.refreshTokenReuseInterval &&
      child &&
      child.parent === rt.token
    ) {
      // A client that lost the answer to its refresh (two tabs, a retry) gets the same child back.
      next = child.token;
      rotated = false;
    } else {
      // Reuse outside the window looks like a stolen token: the whole family is revoked, and that
      // revocation must be committed even though the request fails.
      await db.query(
        `update auth.refresh_tokens set revoked = true, updated_at = now() where session_id = $1 and not revoked`,
        [rt.session_id],
      );
      return { failure: badRequest('refresh_token_already_used', 'Invalid Refresh Token: Already Used') };
    }
  } else if (auth.refreshTokenRotation) {
    next = newRefreshToken();
    await db.query(`update auth.refresh_tokens set revoked = true, updated_at = now() where id = $1`, [rt.id]);
    await db.query(
      `insert into auth.refresh_tokens (instance_id, token, user_id, revoked, created_at, updated_at, parent, session_id)
       values ('00000000-0000-0000-0000-000000000000', $1, $2, false, now(), now(), $3, $4)`,
      [next, rt.user_id, rt.token, rt.session_id],
    );
  } else {
    next = rt.token;
  }
  await db.query(`update auth.sessions set refreshed_at = now(), updated_at = now() where id = $1`, [rt.session_id]);
  // The hook hears "token_refresh"; the amr claim keeps how the session was first authenticated.
  const at = await accessToken(db, config, user, rt.session_id, 'token_refresh');
  return { session: reply(user, at, next), userId: user.id, rotated };
}
