// PKCE for e-mail flows: a flow_state row remembers the code challenge sent with signup/otp/recover;
// the e-mailed link then leads to `redirect_to?code=<auth_code>`, which the client exchanges together
// with its code verifier (grant_type=pkce).
import { createHash, randomUUID } from 'node:crypto';
import type { Db } from './db.ts';
import { badRequest, notFound, unprocessable } from './errors.ts';

/** How long an issued auth code (or an unused flow) stays exchangeable. */
const FLOW_TTL_SECONDS = 300;
/** How long the e-mail link may take to be clicked before the flow is forgotten. */
const EMAIL_FLOW_TTL_SECONDS = 24 * 3600;

export interface Challenge {
  challenge: string;
  method: 's256' | 'plain';
}

/** Reads code_challenge + method from a body; undefined when the client uses the implicit flow. */
export function readChallenge(body: Record<string, any>): Challenge | undefined {
  const challenge = body.code_challenge;
  const method = body.code_challenge_method;
  if (!challenge && !method) return undefined;
  if (typeof challenge !== 'string' || typeof method !== 'string' || !challenge || !method) {
    throw badRequest('validation_failed', 'PKCE flow requires code_challenge_method and code_challenge');
  }
  const m = method.toLowerCase();
  if (m !== 's256' && m !== 'plain')
    throw badRequest('validation_failed', `Code challenge method ${method} is not supported`);
  if (challenge.length < 43 || challenge.length > 128) {
    throw badRequest('validation_failed', 'Code challenge has to be between 43 and 128 characters');
  }
  return { challenge, method: m };
}

export async function createFlow(db: Db, userId: string, c: Challenge, authenticationMethod: string): Promise<void> {
  await db.query(
    `insert into auth.flow_state (id, user_id, auth_code, code_challenge_method, code_challenge, provider_type,
       created_at, updated_at, authentication_method)
     values (gen_random_uuid(), $1, $2, $3, $4, 'email', now(), now(), $5)`,
    [userId, randomUUID(), c.method, c.challenge, authenticationMethod],
  );
}

/** After a PKCE link is verified: the newest waiting flow of that user and method gets its code issued. */
export async function issueAuthCode(db: Db, userId: string, authenticationMethod: string): Promise<string | undefined> {
  const { rows } = await db.query(
    `update auth.flow_state set auth_code_issued_at = now(), updated_at = now()
     where id = (select id from auth.flow_state
                 where user_id = $1 and authentication_method = $2 and auth_code_issued_at is null
                   and created_at > now() - make_interval(secs => $3)
                 order by created_at desc limit 1)
     returning auth_code`,
    [userId, authenticationMethod, EMAIL_FLOW_TTL_SECONDS],
  );
  return rows[0]?.auth_code;
}

export function challengeMatches(c: Challenge, verifier: string): boolean {
  if (c.method === 'plain') return c.challenge === verifier;
  return createHash('sha256').update(verifier).digest('base64url') === c.challenge;
}

/** Consumes a flow by its auth code and returns whom to sign in, and how they authenticated. */
export async function exchange(
  db: Db,
  authCode: string,
  verifier: string,
): Promise<{ userId: string; method: string }> {
  const { rows } = await db.query(
    `select id, user_id, code_challenge, code_challenge_method, authentication_method,
       coalesce(auth_code_issued_at, created_at) < now() - make_interval(secs => $2) as expired
     from auth.flow_state where auth_code = $1 for update`,
    [authCode, FLOW_TTL_SECONDS],
  );
  const flow = rows[0];
  if (!flow || !flow.user_id) throw notFound('flow_state_not_found', 'invalid flow state, no valid flow state found');
  if (flow.expired) throw unprocessable('flow_state_expired', 'invalid flow state, flow state has expired');
  if (!challengeMatches({ challenge: flow.code_challenge, method: flow.code_challenge_method }, verifier)) {
    throw badRequest('bad_code_verifier', 'code challenge does not match previously saved code verifier');
  }
  await db.query(`delete from auth.flow_state where id = $1`, [flow.id]);
  return { userId: flow.user_id, method: flow.authentication_method };
}
