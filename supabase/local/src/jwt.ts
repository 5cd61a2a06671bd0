// HS256 JSON Web Tokens, as GoTrue, PostgREST and Kong use them locally.
import { createHmac, timingSafeEqual } from 'node:crypto';

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

/** Signs claims with HS256. Key order is kept, so the CLI's demo keys come out byte-identical. */
export function signJwt(claims: Record<string, unknown>, secret: string, header: Record<string, unknown> = {}): string {
  const head = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT', ...header }));
  const body = b64url(JSON.stringify(claims));
  const sig = createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${sig}`;
}

export class JwtError extends Error {
  readonly reason: 'malformed' | 'signature' | 'expired' | 'algorithm';
  constructor(reason: JwtError['reason'], message: string) {
    super(message);
    this.reason = reason;
  }
}

/** Verifies an HS256 token and its `exp`; returns the claims or throws a JwtError saying why. */
export function verifyJwt(token: string, secret: string, now = Date.now() / 1000): Record<string, any> {
  const parts = token.split('.');
  if (parts.length !== 3) throw new JwtError('malformed', 'Expected 3 parts in JWT; got ' + parts.length);
  let header: any;
  let claims: any;
  try {
    header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
    claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
  } catch {
    throw new JwtError('malformed', 'JWT cannot be decoded');
  }
  if (header?.alg !== 'HS256') throw new JwtError('algorithm', 'Wrong or unsupported encoding algorithm');
  const expected = createHmac('sha256', secret).update(`${parts[0]}.${parts[1]}`).digest();
  const given = Buffer.from(parts[2], 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new JwtError('signature', 'JWSError JWSInvalidSignature');
  }
  if (claims === null || typeof claims !== 'object' || Array.isArray(claims)) {
    throw new JwtError('malformed', 'JWT claims are not an object');
  }
  if (typeof claims.exp === 'number' && claims.exp <= now) throw new JwtError('expired', 'JWT expired');
  return claims;
}
