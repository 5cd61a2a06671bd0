// /verify: proving an e-mailed OTP or link. POST (verifyOtp) answers with a session; GET (the link in
// the mail) redirects to redirect_to with the session in the URL fragment (implicit flow) or with
// `?code=` for PKCE flows.
import { takeLimit, type AuthState, type Call } from '../context.ts';
import { audit, tx, type Db } from '../db.ts';
import { AuthError, badRequest, forbidden } from '../errors.ts';
import { hashToken, clearToken, fresh, sentAtOf, tokenColumn, voidCodesSentTo, type TokenKind } from '../otp.ts';
import { issueAuthCode } from '../pkce.ts';
import { redirectTarget } from '../redirect.ts';
import { startSession, type SessionReply } from '../tokens.ts';
import { confirmEmail, userById, type UserRow } from '../users.ts';
import { clientOf } from './session.ts';
import { doubleConfirm } from './user.ts';
import type { Handler } from './types.ts';

const KINDS: Record<string, TokenKind[]> = {
  signup: ['confirmation'],
  invite: ['confirmation'],
  magiclink: ['recovery'],
  recovery: ['recovery'],
  email: ['confirmation', 'recovery'],
  email_change: ['email_change_new', 'email_change_current'],
};

/** The amr method and the PKCE flow method each verification type stands for. */
const METHODS: Record<string, string> = {
  signup: 'email/signup',
  invite: 'invite',
  magiclink: 'magiclink',
  recovery: 'recovery',
  email: 'otp',
  email_change: 'email_change',
};

const expired = () => forbidden('otp_expired', 'Token has expired or is invalid');

/** No code matched: answered exactly like an expired one, but counted against the address it names. */
class NoSuchCode extends AuthError {
  constructor() {
    super(403, 'otp_expired', 'Token has expired or is invalid');
  }
}

/** A verified proof: a new session, or (PKCE links) just the user, or the half-way e-mail change message. */
type Outcome = { session?: SessionReply; user: UserRow } | { message: string; user: UserRow };

interface Proof {
  type: string;
  /** The stored hash to look for. */
  hash: string;
  /** For email+token proofs: the address the OTP was sent to. */
  email?: string;
}

async function findByProof(db: Db, p: Proof): Promise<{ user: UserRow; kind: TokenKind } | undefined> {
  for (const kind of KINDS[p.type]) {
    const col = tokenColumn(kind);
    const params: unknown[] = [p.hash];
    let where = `${col} = $1`;
    if (p.email) {
      // An OTP is bound to the address it went to: the new address for email_change_new.
      where += kind === 'email_change_new' ? ` and lower(email_change) = lower($2)` : ` and lower(email) = lower($2)`;
      params.push(p.email);
    }
    const { rows } = await db.query(`select id from auth.users where ${where} limit 1`, params);
    if (rows[0]) return { user: (await userById(db, rows[0].id))!, kind };
  }
  return undefined;
}

async function applyVerification(state: AuthState, call: Call, db: Db, p: Proof, withSession = true): Promise<Outcome> {
  const found = await findByProof(db, p);
  if (!found) throw new NoSuchCode();
  const { kind } = found;
  let user = found.user;
  if (!fresh(sentAtOf(user, kind), state.config.auth.otpExpiry)) throw expired();
  const method = p.type === 'email' && kind === 'recovery' ? 'otp' : METHODS[p.type];
  await clearToken(db, user.id, kind);

  if (kind === 'email_change_new' || kind === 'email_change_current') {
    if (doubleConfirm(state.config.toml) && user.email_change_confirm_status === 0 && user.email) {
      await db.query(`update auth.users set email_change_confirm_status = 1 where id = $1`, [user.id]);
      return { message: 'Confirmation link accepted. Please proceed to confirm link sent to the other email', user };
    }
    if (!user.email_change) throw expired();
    await db.query(
      `update auth.users set email = email_change, email_change = '', email_change_token_new = '', email_change_token_current = '',
         email_change_confirm_status = 0, email_confirmed_at = coalesce(email_confirmed_at, now()), updated_at = now() where id = $1`,
      [user.id],
    );
    await db.query(
      `update auth.identities set identity_data = identity_data || jsonb_build_object('email', $2::text), updated_at = now()
       where user_id = $1 and provider = 'email'`,
      [user.id, user.email_change],
    );
  } else {
    await confirmEmail(db, user.id);
  }
  user = (await userById(db, user.id))!;
  if (!withSession) return { user };
  await audit(db, call.ip, 'login', { id: user.id, email: user.email }, 'account', { provider: 'email', type: p.type });
  return { session: await startSession(db, state.config, user.id, method, clientOf(call)), user };
}

function readType(v: unknown): string {
  if (typeof v === 'string' && v in KINDS) return v;
  if (v === 'sms' || v === 'phone_change')
    throw new AuthError(422, 'phone_provider_disabled', 'Phone verification is not supported by the local stack');
  throw badRequest('validation_failed', `Verify requires a verification type`);
}

/**
 * A six-digit code falls to enough guesses whatever the per-address limits, so wrong codes count per
 * address the code went to, and the last allowed wrong guess voids every code sent there.
 */
async function countWrongCode(state: AuthState, email: string): Promise<void> {
  const address = email.toLowerCase();
  const failures = state.limits.otpFailures;
  failures.take(address);
  if (!failures.full(address)) return;
  failures.forget(address);
  await tx(state.pool, (db) => voidCodesSentTo(db, address));
  state.log(`voided the codes sent to ${address} after ${failures.limit} wrong guesses`);
}

export const verifyPost: Handler = async (state, call) => {
  takeLimit(state.limits.verify, call);
  const { token, token_hash: tokenHash, email } = call.body;
  const type = readType(call.body.type);
  let proof: Proof;
  if (typeof tokenHash === 'string' && tokenHash) proof = { type, hash: tokenHash.replace(/^pkce_/, '') };
  else if (typeof token === 'string' && token && typeof email === 'string' && email)
    proof = { type, hash: hashToken(email, token), email };
  else throw badRequest('validation_failed', 'Verify requires either a token and email or a token hash');
  const out = await tx(state.pool, (db) => applyVerification(state, call, db, proof)).catch(async (e: unknown) => {
    if (e instanceof NoSuchCode && proof.email) await countWrongCode(state, proof.email);
    throw e;
  });
  if (proof.email) state.limits.otpFailures.forget(proof.email.toLowerCase());
  if ('message' in out) return { status: 200, body: { msg: out.message, code: 200 } };
  return { status: 200, body: out.session! };
};

function withParams(base: string, where: 'fragment' | 'query', params: Record<string, string>): string {
  const url = new URL(base);
  const q = new URLSearchParams(params).toString();
  if (where === 'fragment') url.hash = q;
  else for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.toString();
}

export const verifyGet: Handler = async (state, call) => {
  const q = call.url.searchParams;
  const redirectTo = redirectTarget(state.config.auth, q.get('redirect_to'));
  const raw = q.get('token') ?? '';
  const pkce = raw.startsWith('pkce_');
  const fail = (e: AuthError) => ({
    redirect: withParams(redirectTo, pkce ? 'query' : 'fragment', {
      error: e.status >= 500 ? 'server_error' : 'access_denied',
      error_code: e.code,
      error_description: e.code === 'otp_expired' ? 'Email link is invalid or has expired' : e.message,
    }),
  });
  try {
    takeLimit(state.limits.verify, call);
    const type = readType(q.get('type'));
    if (!raw) throw badRequest('validation_failed', 'Verify requires a token');
    const proof = { type, hash: raw.replace(/^pkce_/, '') };
    const out = await tx(state.pool, async (db) => {
      // A PKCE link yields no session here: the code exchange (with the verifier) creates it.
      const o = await applyVerification(state, call, db, proof, !pkce);
      if (!pkce || 'message' in o) return { o };
      const code = await issueAuthCode(db, o.user.id, METHODS[type]);
      if (!code) throw new AuthError(404, 'flow_state_not_found', 'No PKCE flow found for this link');
      return { o, code };
    });
    if ('message' in out.o)
      return { redirect: withParams(redirectTo, pkce ? 'query' : 'fragment', { message: out.o.message }) };
    if (out.code) return { redirect: withParams(redirectTo, 'query', { code: out.code }) };
    const s = out.o.session!;
    return {
      redirect: withParams(redirectTo, 'fragment', {
        access_token: s.access_token,
        expires_at: String(s.expires_at),
        expires_in: String(s.expires_in),
        refresh_token: s.refresh_token,
        token_type: 'bearer',
        type,
      }),
    };
  } catch (e) {
    if (e instanceof AuthError) return fail(e);
    throw e;
  }
};
