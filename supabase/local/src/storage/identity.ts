// Who is calling: storage checks the Bearer JWT itself (Kong does not guard /storage/v1), and every
// database action then runs as the token's role with its claims, so RLS decides.
import type { IncomingMessage } from 'node:http';
import { JwtError, verifyJwt } from '../jwt.ts';
import { bearer } from '../gateway/http.ts';
import { ERRORS } from './errors.ts';

export interface Identity {
  role: string;
  claims: Record<string, unknown>;
  token: string;
  /** The JWT `sub`: recorded as the object's owner. */
  owner?: string;
}

/** The roles the API connection may switch into; anything else is refused before touching the database. */
const API_ROLES = new Set(['anon', 'authenticated', 'service_role']);

// jose's wording, which storage passes through as the error message.
const JWT_MESSAGES: Record<JwtError['reason'], string> = {
  malformed: 'Invalid Compact JWS',
  signature: 'signature verification failed',
  expired: '"exp" claim timestamp check failed',
  algorithm: '"alg" (Algorithm) Header Parameter value not allowed',
  claims: 'JWT claims check failed',
};

export function jwtMessage(err: unknown): string {
  if (err instanceof JwtError)
    return err.reason === 'claims' ? `${JWT_MESSAGES.claims}: ${err.message}` : JWT_MESSAGES[err.reason];
  return String((err as Error)?.message ?? err);
}

/** Verifies the request's Bearer token; throws storage's AccessDenied when it is missing or invalid. */
export function identify(req: IncomingMessage, secret: string): Identity {
  const token = bearer(req) ?? '';
  let claims: Record<string, unknown>;
  try {
    claims = verifyJwt(token, secret);
  } catch (err) {
    throw ERRORS.accessDenied(token ? jwtMessage(err) : 'Invalid Compact JWS');
  }
  const role = typeof claims.role === 'string' ? claims.role : 'anon';
  if (!API_ROLES.has(role)) throw ERRORS.accessDenied('Access denied: Invalid role', 403);
  const owner = typeof claims.sub === 'string' && claims.sub ? claims.sub : undefined;
  return { role, claims, token, owner };
}

/** The identity storage uses for its own bookkeeping (bucket lookups, signed-URL uploads): RLS bypassed. */
export function superUser(owner?: string): Identity {
  return { role: 'service_role', claims: { role: 'service_role' }, token: '', owner };
}
