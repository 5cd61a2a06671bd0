// Signing up, signing in (password, refresh token, PKCE code) and signing out.
import { readChallenge, createFlow, exchange } from '../pkce.ts';
import { requireUser, takeLimit, type Call } from '../context.ts';
import { audit, tx } from '../db.ts';
import { AuthError, badRequest, tooMany, unprocessable, weakPassword } from '../errors.ts';
import { redirectTarget } from '../redirect.ts';
import { sendTokenMail } from '../send.ts';
import { refreshSession, startSession } from '../tokens.ts';
import {
  confirmEmail,
  insertAnonymousUser,
  insertUser,
  isBanned,
  mergeMetadata,
  passwordMatches,
  setPassword,
  spendPasswordCheck,
  userByEmail,
  userJson,
  validEmail,
} from '../users.ts';
import { randomUUID } from 'node:crypto';
import type { Handler } from './types.ts';

/** What auth.sessions records about the device that signed in. */
export const clientOf = (call: Call) => {
  const ua = call.req.headers['user-agent'];
  return { userAgent: typeof ua === 'string' ? ua : undefined, ip: call.ip };
};

export function checkPassword(password: unknown, min: number): string {
  if (typeof password !== 'string' || !password)
    throw badRequest('validation_failed', 'Signup requires a valid password');
  if (password.length < min) throw weakPassword(min);
  return password;
}

export const signup: Handler = async (state, call) => {
  const { auth } = state.config;
  takeLimit(state.limits.signIn, call);
  if (!auth.enableSignup) throw unprocessable('signup_disabled', 'Signups not allowed for this instance');
  const { email, phone, data } = call.body;
  if (!email && !phone) return anonymousSignup(state, call);
  if (!email && phone) throw unprocessable('phone_provider_disabled', 'Phone signups are disabled');
  if (!validEmail(email)) throw badRequest('validation_failed', 'Unable to validate email address: invalid format');
  const password = checkPassword(call.body.password, auth.minimumPasswordLength);
  const metadata = data && typeof data === 'object' && !Array.isArray(data) ? data : {};
  const challenge = readChallenge(call.body);
  const redirectTo = redirectTarget(auth, call.url.searchParams.get('redirect_to') ?? call.body.redirect_to);

  return tx(state.pool, async (db) => {
    let user = await userByEmail(db, email);
    if (user?.email_confirmed_at) {
      if (!auth.emailConfirmations) throw unprocessable('user_already_exists', 'User already registered');
      // With confirmations on, GoTrue does not reveal that the address is taken: it answers with a
      // look-alike user that has no identities, and sends nothing.
      await audit(db, call.ip, 'user_repeated_signup', { id: user.id, email: user.email });
      const now = new Date();
      return {
        status: 200,
        body: {
          ...userJson(user),
          id: randomUUID(),
          identities: [],
          created_at: now,
          updated_at: now,
          confirmation_sent_at: now,
          user_metadata: metadata,
        },
      };
    }
    if (user) {
      // A repeated sign-up of an unconfirmed address takes the new password and metadata.
      await setPassword(db, user.id, password);
      await db.query(`update auth.users set raw_user_meta_data = $2 where id = $1`, [
        user.id,
        JSON.stringify(mergeMetadata(user.raw_user_meta_data, metadata)),
      ]);
      user = (await userByEmail(db, email))!;
    } else {
      user = await insertUser(db, { email, password, userMetadata: metadata });
    }
    await audit(db, call.ip, 'user_signedup', { id: user.id, email: user.email }, 'team', { provider: 'email' });
    if (!auth.emailConfirmations) {
      await confirmEmail(db, user.id);
      const session = await startSession(db, state.config, user.id, 'password', clientOf(call));
      await audit(db, call.ip, 'login', { id: user.id, email: user.email }, 'account', { provider: 'email' });
      return { status: 200, body: session };
    }
    if (challenge) await createFlow(db, user.id, challenge, 'email/signup');
    await sendTokenMail(state, call, db, {
      user,
      mail: 'signup',
      token: 'confirmation',
      to: user.email!,
      redirectTo,
      pkce: Boolean(challenge),
    });
    await audit(db, call.ip, 'user_confirmation_requested', { id: user.id, email: user.email }, 'user');
    return { status: 200, body: userJson((await userByEmail(db, email))!) };
  });
};

/** signInAnonymously: a POST /signup without e-mail or phone. */
async function anonymousSignup(state: Parameters<Handler>[0], call: Parameters<Handler>[1]) {
  if (!state.config.auth.enableAnonymousSignIns)
    throw unprocessable('anonymous_provider_disabled', 'Anonymous sign-ins are disabled');
  const data =
    call.body.data && typeof call.body.data === 'object' && !Array.isArray(call.body.data) ? call.body.data : {};
  return tx(state.pool, async (db) => {
    const user = await insertAnonymousUser(db, data);
    const session = await startSession(db, state.config, user.id, 'anonymous', clientOf(call));
    await audit(db, call.ip, 'user_signedup', { id: user.id }, 'team', { provider: 'anonymous' });
    return { status: 200, body: session };
  });
}

async function passwordGrant(state: Parameters<Handler>[0], call: Parameters<Handler>[1]) {
  takeLimit(state.limits.signIn, call);
  const { email, phone, password } = call.body;
  if (email && phone)
    throw badRequest('validation_failed', 'Only an email address or phone number should be provided on login.');
  if (!email && phone) throw unprocessable('phone_provider_disabled', 'Phone logins are disabled');
  if (!email) throw badRequest('validation_failed', 'missing email or phone');
  if (typeof password !== 'string') throw badRequest('validation_failed', 'missing password');
  // Failures count per account, not per address: a guesser with many addresses still gets a few tries
  // per lockout. Unknown addresses count and lock the same way, so a lockout reveals nothing.
  const account = String(email).trim().toLowerCase();
  const failures = state.limits.signInFailures;
  const wait = failures.secondsLeft(account);
  if (wait)
    throw tooMany(
      'over_request_rate_limit',
      `Too many failed sign-in attempts for this account; try again in ${wait} seconds`,
    );
  const invalid = () => {
    failures.take(account);
    return badRequest('invalid_credentials', 'Invalid login credentials');
  };
  return tx(state.pool, async (db) => {
    const user = await userByEmail(db, String(email));
    if (!user) {
      await spendPasswordCheck(db, password);
      throw invalid();
    }
    if (isBanned(user)) throw badRequest('user_banned', 'User is banned');
    if (!(await passwordMatches(db, user.id, password))) throw invalid();
    failures.forget(account);
    if (!user.email_confirmed_at) throw badRequest('email_not_confirmed', 'Email not confirmed');
    const session = await startSession(db, state.config, user.id, 'password', clientOf(call));
    await audit(db, call.ip, 'login', { id: user.id, email: user.email }, 'account', { provider: 'email' });
    return { status: 200, body: session };
  });
}

async function refreshGrant(state: Parameters<Handler>[0], call: Parameters<Handler>[1]) {
  takeLimit(state.limits.refresh, call);
  const token = call.body.refresh_token;
  if (typeof token !== 'string' || !token) throw badRequest('validation_failed', 'refresh_token required');
  const out = await tx(state.pool, async (db) => {
    const r = await refreshSession(db, state.config, token);
    if ('failure' in r) return r;
    if (r.rotated)
      await audit(db, call.ip, 'token_refreshed', { id: r.userId, email: String(r.session.user.email) }, 'token');
    return r;
  });
  if ('failure' in out) throw out.failure;
  return { status: 200, body: out.session };
}

async function pkceGrant(state: Parameters<Handler>[0], call: Parameters<Handler>[1]) {
  const { auth_code: code, code_verifier: verifier } = call.body;
  if (typeof code !== 'string' || typeof verifier !== 'string' || !code || !verifier) {
    throw badRequest('validation_failed', 'invalid request: both auth code and code verifier should be non-empty');
  }
  return tx(state.pool, async (db) => {
    const flow = await exchange(db, code, verifier);
    const session = await startSession(db, state.config, flow.userId, flow.method, clientOf(call));
    await audit(db, call.ip, 'login', { id: flow.userId, email: String(session.user.email) }, 'account', {
      provider: 'email',
    });
    return { status: 200, body: session };
  });
}

export const token: Handler = async (state, call) => {
  switch (call.url.searchParams.get('grant_type')) {
    case 'password':
      return passwordGrant(state, call);
    case 'refresh_token':
      return refreshGrant(state, call);
    case 'pkce':
      return pkceGrant(state, call);
    case 'id_token':
    case 'web3':
      throw new AuthError(400, 'provider_disabled', 'This grant type is not supported by the local stack');
    default:
      throw badRequest('invalid_credentials', 'unsupported_grant_type');
  }
};

export const logout: Handler = async (state, call) => {
  const caller = await requireUser(state, call);
  const scope = call.url.searchParams.get('scope') ?? 'global';
  if (!['global', 'local', 'others'].includes(scope)) {
    throw badRequest('validation_failed', `Unsupported logout scope "${scope}"`);
  }
  await tx(state.pool, async (db) => {
    const id = caller.sessionId ?? null;
    if (scope === 'local' && id) await db.query(`delete from auth.sessions where id = $1`, [id]);
    else if (scope === 'others')
      await db.query(`delete from auth.sessions where user_id = $1 and id is distinct from $2`, [caller.user.id, id]);
    else await db.query(`delete from auth.sessions where user_id = $1`, [caller.user.id]);
    await audit(db, call.ip, 'logout', { id: caller.user.id, email: caller.user.email }, 'account', { scope });
  });
  return { status: 204 };
};
