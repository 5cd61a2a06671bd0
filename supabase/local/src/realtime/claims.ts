// The JWTs realtime accepts: the socket's apikey and the per-channel access_token, HS256-signed with
// the project secret, carrying `role` (and `exp`). The claims decide the role RLS probes run as.
import { JwtError, verifyJwt } from '../jwt.ts';

export type Claims = Record<string, any> & { role: string; exp?: number };

export type TokenCheck = { ok: true; claims: Claims } | { ok: false; reason: string };

export function checkToken(token: string | undefined | null, secret: string): TokenCheck {
  if (!token) return { ok: false, reason: 'InvalidJWTToken: No token provided' };
  let claims: Record<string, any>;
  try {
    // exp is judged here (not by verifyJwt) so the message can say how long ago it expired.
    claims = verifyJwt(token, secret, { checkExpiry: false });
  } catch (e) {
    const why = e instanceof JwtError ? e.message : 'Invalid token';
    return { ok: false, reason: `InvalidJWTToken: ${why}` };
  }
  if (typeof claims.role !== 'string' || !claims.role)
    return { ok: false, reason: 'InvalidJWTToken: Fields `role` and `exp` are required in JWT' };
  if (typeof claims.exp !== 'number')
    return { ok: false, reason: 'InvalidJWTToken: Fields `role` and `exp` are required in JWT' };
  const left = secondsLeft(claims as Claims);
  if (left <= 0) return { ok: false, reason: `InvalidJWTToken: Token has expired ${-left} seconds ago` };
  return { ok: true, claims: claims as Claims };
}

/**
 * The roles PostgREST's authenticator may switch to. Realtime runs its probes on a superuser
 * connection, so it must refuse any other role itself, or a token naming `postgres` would read as one.
 */
const API_ROLES = new Set(['anon', 'authenticated', 'service_role']);

/** Why a token's role may not be used (PostgREST's words for the same refusal), or null when it may. */
export function roleRefusal(claims: Claims): string | null {
  return API_ROLES.has(claims.role) ? null : `permission denied to set role "${claims.role}"`;
}

export function secondsLeft(claims: Claims): number {
  return Math.floor((claims.exp ?? Infinity) - Date.now() / 1000);
}
