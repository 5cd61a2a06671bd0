// What every auth route gets: the service's shared state and one parsed request.
import type { IncomingMessage } from 'node:http';
import type { BlockList } from 'node:net';
import type pg from 'pg';
import type { StackConfig } from '../config.ts';
import type { Mail } from '../gateway/types.ts';
import { clientAddress } from '../gateway/client-address.ts';
import { readBody, bearer } from '../gateway/http.ts';
import { JwtError, verifyJwt } from '../jwt.ts';
import { tx } from './db.ts';
import { AuthError, badRequest, forbidden, unauthorized } from './errors.ts';
import { SlidingWindow } from './ratelimit.ts';
import { userById, type UserRow } from './users.ts';

export interface AuthState {
  config: StackConfig;
  pool: pg.Pool;
  sendMail(mail: Mail): Promise<void>;
  log(message: string): void;
  /** The proxies whose X-Forwarded-For names the client (config.trustedProxies). */
  proxies: BlockList;
  limits: {
    signIn: SlidingWindow;
    emailSent: SlidingWindow;
    verify: SlidingWindow;
    refresh: SlidingWindow;
    /** Failed password sign-ins per e-mail address (known or not), whatever address they come from. */
    signInFailures: SlidingWindow;
    /** Wrong e-mail OTPs per address the code went to; the code is voided when this fills up. */
    otpFailures: SlidingWindow;
    /** Mails not sent to unknown addresses, held to the per-recipient frequency a real one meets. */
    phantomMail: SlidingWindow;
  };
}

export function createLimits(config: StackConfig): AuthState['limits'] {
  const rl = config.auth.rateLimit;
  const fiveMin = 5 * 60_000;
  return {
    signIn: new SlidingWindow(rl.signInSignUps, fiveMin),
    emailSent: new SlidingWindow(rl.emailSent, 60 * 60_000),
    verify: new SlidingWindow(rl.tokenVerifications, fiveMin),
    refresh: new SlidingWindow(rl.tokenRefresh, fiveMin),
    signInFailures: new SlidingWindow(config.auth.signInMaxFailures, config.auth.signInLockoutSeconds * 1000),
    otpFailures: new SlidingWindow(config.auth.otpMaxAttempts, config.auth.otpExpiry * 1000),
    phantomMail: new SlidingWindow(1, Math.max(config.auth.emailMaxFrequencySeconds, 0.001) * 1000),
  };
}

export interface Call {
  req: IncomingMessage;
  url: URL;
  /** The client's address: the peer, or the last X-Forwarded-For hop when the peer is a trusted proxy. */
  ip: string;
  body: Record<string, any>;
}

export const clientIp = (state: AuthState, req: IncomingMessage): string => clientAddress(req, state.proxies);

export async function readJsonBody(req: IncomingMessage): Promise<Record<string, any>> {
  if (req.method === 'GET' || req.method === 'HEAD') return {};
  const raw = (await readBody(req, 1024 * 1024)).toString('utf8');
  if (!raw.trim()) return {};
  let nul = false;
  let v: unknown;
  try {
    // Postgres text cannot hold NUL: an e-mail or password carrying one would fail in the database (a 500).
    v = JSON.parse(raw, (key, value) => {
      if (key.includes('\0') || (typeof value === 'string' && value.includes('\0'))) nul = true;
      return value;
    });
    if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new Error('expected a JSON object');
  } catch (e: any) {
    throw badRequest('bad_json', `Could not parse request body as JSON: ${e?.message ?? e}`);
  }
  if (nul) throw badRequest('validation_failed', 'Request body strings may not contain the NUL character');
  return v as Record<string, any>;
}

export function takeLimit(window: SlidingWindow, call: Call, code = 'over_request_rate_limit'): void {
  if (!window.take(call.ip)) {
    throw new AuthError(
      429,
      code,
      code === 'over_email_send_rate_limit' ? 'Email rate limit exceeded' : 'Request rate limit reached',
    );
  }
}

export interface Caller {
  claims: Record<string, any>;
  user: UserRow;
  sessionId: string | undefined;
}

function claimsOf(state: AuthState, call: Call): Record<string, any> {
  const token = bearer(call.req);
  if (!token) throw unauthorized('no_authorization', 'This endpoint requires a valid Bearer token');
  try {
    return verifyJwt(token, state.config.jwtSecret);
  } catch (e) {
    const why = e instanceof JwtError ? e.message : String(e);
    throw forbidden('bad_jwt', `invalid JWT: unable to parse or verify signature, ${why}`);
  }
}

/** The signed-in user behind the bearer token, with the session it names still existing. */
export async function requireUser(state: AuthState, call: Call): Promise<Caller> {
  const claims = claimsOf(state, call);
  if (typeof claims.sub !== 'string' || !claims.sub) throw forbidden('bad_jwt', 'invalid claim: missing sub claim');
  return tx(state.pool, async (db) => {
    const user = await userById(db, claims.sub);
    if (!user) throw forbidden('user_not_found', 'User from sub claim in JWT does not exist');
    const sessionId = typeof claims.session_id === 'string' && claims.session_id ? claims.session_id : undefined;
    if (sessionId) {
      const { rows } = await db.query(`select 1 from auth.sessions where id = $1 and user_id = $2`, [
        sessionId,
        user.id,
      ]);
      if (!rows.length) throw forbidden('session_not_found', 'Session from session_id claim in JWT does not exist');
    }
    return { claims, user, sessionId };
  });
}

/** Admin endpoints need a service_role (or supabase_admin) JWT. */
export function requireAdmin(state: AuthState, call: Call): Record<string, any> {
  const claims = claimsOf(state, call);
  if (claims.role !== 'service_role' && claims.role !== 'supabase_admin')
    throw forbidden('not_admin', 'User not allowed');
  return claims;
}
