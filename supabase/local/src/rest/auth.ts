// Who the request runs as: the Bearer JWT (else the apikey, which is itself a JWT for the demo keys)
// verified with the stack's secret; its `role` claim becomes the database role, anon when absent.
import type { IncomingMessage } from 'node:http';
import { JwtError, verifyJwt } from '../jwt.ts';
import { ApiError, jwtError } from './errors.ts';

export interface Identity {
  role: string;
  claims: Record<string, unknown>;
}

const cache = new Map<string, { id: Identity; exp: number }>();

export function identify(req: IncomingMessage, secret: string, anonRole = 'anon'): Identity {
  const h = req.headers.authorization;
  let token: string | undefined;
  if (h !== undefined) {
    const m = /^bearer\s*(.*)$/i.exec(h.trim());
    if (!m) throw jwtError('malformed', 'Expected 3 parts in JWT; got 1');
    token = m[1].trim();
    if (token === '')
      throw new ApiError(401, 'PGRST301', 'Empty JWT is sent in Authorization header', null, null, {
        'WWW-Authenticate':
          'Bearer error="invalid_token", error_description="Empty JWT is sent in Authorization header"',
      });
  } else {
    const key = req.headers.apikey;
    token = typeof key === 'string' && key.split('.').length === 3 ? key : undefined;
  }
  if (!token) return { role: anonRole, claims: {} };
  // Verifying an HMAC is cheap, but the same few keys arrive on every request: remember them until exp.
  const now = Date.now() / 1000;
  const hit = cache.get(token);
  if (hit && hit.exp > now) return hit.id;
  let claims: Record<string, any>;
  try {
    claims = verifyJwt(token, secret, { now });
  } catch (e) {
    if (e instanceof JwtError) throw jwtError(e.reason, e.message);
    throw e;
  }
  if (claims.exp !== undefined && typeof claims.exp !== 'number')
    throw jwtError('claims', "The JWT 'exp' claim must be a number");
  const role = typeof claims.role === 'string' && claims.role ? claims.role : anonRole;
  const id = { role, claims };
  if (cache.size > 10_000) cache.clear();
  cache.set(token, { id, exp: typeof claims.exp === 'number' ? claims.exp : now + 60 });
  return id;
}
