// Signed URLs. A download token is a JWT {url:"bucket/name", scope:"download", iat, exp} signed with the
// project's JWT secret; whoever holds it may read that one object until it expires, RLS not consulted.
// An upload token adds {owner, upsert} and scope "upload"; issuing one needs the caller's INSERT right.
import type { Transform } from './transform.ts';
import { signJwt, verifyJwt } from '../jwt.ts';
import { mustBeValidKey, mustFindBucket, type StorageContext } from './context.ts';
import type { RequestInfo } from './db.ts';
import { ERRORS } from './errors.ts';
import { jwtMessage, type Identity } from './identity.ts';
import { findObject } from './read.ts';
import { writeRow } from './write.ts';

/** How long a signed upload URL stays valid (storage's default: two hours). */
const UPLOAD_URL_TTL_SECONDS = 2 * 60 * 60;

/**
 * Storage's cap on a signed URL's life: its expiry instant, in milliseconds, must stay a safe integer
 * (about the year 287,000). Shorter is the caller's choice, as in Supabase.
 */
const MAX_EXP_SECONDS = Math.floor(Number.MAX_SAFE_INTEGER / 1000);

export function assertExpiresIn(v: unknown, nowMs = Date.now()): number {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  if (typeof n !== 'number' || Number.isNaN(n) || n < 1)
    throw ERRORS.invalidRequest('body/expiresIn must be a number greater than or equal to 1');
  const seconds = Math.floor(n);
  if (!Number.isSafeInteger(seconds) || seconds > MAX_EXP_SECONDS - Math.floor(nowMs / 1000))
    throw ERRORS.invalidParameter('expiresIn');
  return seconds;
}

function sign(ctx: StorageContext, claims: Record<string, unknown>, expiresIn: number): string {
  const iat = Math.floor(Date.now() / 1000);
  return signJwt({ ...claims, iat, exp: iat + expiresIn }, ctx.config.jwtSecret);
}

/** POST /object/sign/:bucket/:name — the caller must be able to SELECT the object. */
export async function signDownload(
  ctx: StorageContext,
  who: Identity,
  reqInfo: RequestInfo,
  bucketId: string,
  name: string,
  expiresIn: number,
  transform?: Transform,
) {
  mustBeValidKey(name);
  await findObject(ctx, who, reqInfo, bucketId, name);
  const url = `${bucketId}/${name}`;
  if (transform) {
    // As storage does: the transformation travels inside the token and the URL points at the renderer.
    const token = sign(ctx, { url, scope: 'download', transformations: transform }, expiresIn);
    return { signedURL: `/render/image/sign/${url}?token=${token}` };
  }
  return { signedURL: `/object/sign/${url}?token=${sign(ctx, { url, scope: 'download' }, expiresIn)}` };
}

/** POST /object/sign/:bucket {paths} — one entry per path, with an error for those the caller cannot see. */
export async function signDownloads(
  ctx: StorageContext,
  who: Identity,
  reqInfo: RequestInfo,
  bucketId: string,
  paths: unknown,
  expiresIn: number,
) {
  if (!Array.isArray(paths) || paths.some((p) => typeof p !== 'string'))
    throw ERRORS.invalidRequest('body/paths must be array');
  const visible = await ctx.db.as(
    who,
    reqInfo,
    async (tx) => {
      const { rows } = await tx.query<{ name: string }>(
        'select name from storage.objects where bucket_id = $1 and name = any($2::text[])',
        [bucketId, paths],
      );
      return new Set(rows.map((r) => r.name));
    },
    { operation: 'storage.object.sign' },
  );
  return (paths as string[]).map((path) => {
    if (!visible.has(path))
      return { error: 'Either the object does not exist or you do not have access to it', path, signedURL: null };
    const url = `${bucketId}/${path}`;
    return {
      error: null,
      path,
      signedURL: `/object/sign/${url}?token=${sign(ctx, { url, scope: 'download' }, expiresIn)}`,
    };
  });
}

/** POST /object/upload/sign/:bucket/:name — probes the INSERT (or upsert) as the caller first. */
export async function signUpload(
  ctx: StorageContext,
  who: Identity,
  reqInfo: RequestInfo,
  bucketId: string,
  name: string,
  upsert: boolean,
) {
  mustBeValidKey(name);
  await mustFindBucket(ctx, bucketId);
  await ctx.db.as(
    who,
    reqInfo,
    (tx) => writeRow(tx, { bucketId, name, owner: who.owner, version: '1', metadata: {} }, upsert),
    {
      rollback: true,
      operation: 'storage.object.upload_sign',
    },
  );
  const url = `${bucketId}/${name}`;
  const token = sign(ctx, { owner: who.owner, url, upsert, scope: 'upload' }, UPLOAD_URL_TTL_SECONDS);
  return { url: `/object/upload/sign/${url}?token=${token}`, token };
}

export interface SignedClaims {
  url: string;
  scope?: string;
  owner?: string;
  upsert?: boolean;
  /** A signed image rendition: the transformation the URL was signed for. */
  transformations?: Transform;
  exp: number;
}

/** Checks a signed-URL token: signature, scope, that it names this very object, and expiry. */
export function verifySigned(
  ctx: StorageContext,
  token: string | null,
  bucketId: string,
  name: string,
  scope: 'download' | 'upload',
): SignedClaims {
  if (!token) throw ERRORS.invalidRequest("querystring must have required property 'token'");
  let claims: Record<string, any>;
  try {
    // exp is checked below, so an expired token gets storage's own "expired" error
    claims = verifyJwt(token, ctx.config.jwtSecret, { checkExpiry: false });
  } catch (err) {
    throw ERRORS.invalidJwt(jwtMessage(err));
  }
  const isUpload = claims.scope === 'upload';
  const isDownload =
    claims.scope === 'download' ||
    (claims.scope === undefined && claims.owner === undefined && claims.upsert === undefined);
  if (scope === 'upload' ? !isUpload : !isDownload) throw ERRORS.invalidSignature(`Token is not scoped for ${scope}`);
  if (claims.url !== `${bucketId}/${name}`) throw ERRORS.invalidSignature();
  if (typeof claims.exp !== 'number' || claims.exp * 1000 < Date.now()) throw ERRORS.expiredSignature();
  return claims as SignedClaims;
}
