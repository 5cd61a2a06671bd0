// HS256 JSON Web Tokens, as GoTrue, PostgREST and Kong use them locally. Every service verifies through
// verifyJwt, so one strict reading here (canonical encoding, typed time claims, nbf, aud) holds for all.
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
  readonly reason: 'malformed' | 'signature' | 'expired' | 'algorithm' | 'claims';
  constructor(reason: JwtError['reason'], message: string) {
    super(message);
    this.reason = reason;
  }
}

/** The audience GoTrue puts in the tokens it issues; the API keys carry none. */
export const DEFAULT_AUDIENCES: readonly string[] = ['authenticated'];

export interface VerifyOptions {
  /** The clock, in seconds since the epoch. */
  now?: number;
  /** False for callers that judge `exp` themselves to word the error their way; its type is still checked. */
  checkExpiry?: boolean;
  /** Audiences accepted from a token that names one. */
  audiences?: readonly string[];
}

// Unpadded base64url only: decoders skip `=` and stray characters, which would let one token have
// many spellings (a signature with `=` appended would otherwise still verify).
const B64URL = /^[A-Za-z0-9_-]*$/;

function decodePart(part: string): unknown {
  if (!B64URL.test(part)) throw new JwtError('malformed', 'JWT is not in compact base64url form');
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    throw new JwtError('malformed', 'JWT cannot be decoded');
  }
}

function checkSignature(parts: string[], secret: string): void {
  const expected = Buffer.from(createHmac('sha256', secret).update(`${parts[0]}.${parts[1]}`).digest('base64url'));
  const given = Buffer.from(parts[2]);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new JwtError('signature', 'JWSError JWSInvalidSignature');
  }
}

/** A time claim must be a number when present: a string would otherwise never expire (or start). */
function timeClaim(claims: Record<string, unknown>, name: 'exp' | 'nbf'): number | undefined {
  if (!(name in claims)) return undefined;
  const value = claims[name];
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new JwtError('claims', `The JWT '${name}' claim must be a number`);
  return value;
}

function checkClaims(claims: Record<string, unknown>, opts: VerifyOptions): void {
  const now = opts.now ?? Date.now() / 1000;
  const exp = timeClaim(claims, 'exp');
  const nbf = timeClaim(claims, 'nbf');
  if (exp !== undefined && opts.checkExpiry !== false && exp <= now) throw new JwtError('expired', 'JWT expired');
  if (nbf !== undefined && nbf > now) throw new JwtError('claims', 'JWT not yet valid');
  if ('aud' in claims) {
    const named = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    const accepted = opts.audiences ?? DEFAULT_AUDIENCES;
    if (!named.some((a) => typeof a === 'string' && accepted.includes(a)))
      throw new JwtError('claims', 'JWT not in audience');
  }
}

/** Verifies an HS256 token and its exp, nbf and aud; returns the claims or throws a JwtError saying why. */
export function verifyJwt(token: string, secret: string, opts: VerifyOptions = {}): Record<string, any> {
  const parts = token.split('.');
  if (parts.length !== 3) throw new JwtError('malformed', 'Expected 3 parts in JWT; got ' + parts.length);
  const header = decodePart(parts[0]) as { alg?: unknown } | null;
  const claims = decodePart(parts[1]);
  if (header?.alg !== 'HS256') throw new JwtError('algorithm', 'Wrong or unsupported encoding algorithm');
  checkSignature(parts, secret);
  if (claims === null || typeof claims !== 'object' || Array.isArray(claims)) {
    throw new JwtError('malformed', 'JWT claims are not an object');
  }
  checkClaims(claims as Record<string, unknown>, opts);
  return claims as Record<string, any>;
}
