// Routes /storage/v1/* requests to their handlers, turning any failure into storage's error shape.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyTooLarge } from '../gateway/http.ts';
import { createBucket, deleteBucket, emptyBucket, getBucket, listBuckets, updateBucket } from './buckets.ts';
import { jsonBody, sendJson, type StorageContext } from './context.ts';
import type { RequestInfo } from './db.ts';
import { ERRORS, StorageError, fromPgError, sendError } from './errors.ts';
import { identify, superUser, type Identity } from './identity.ts';
import { parseTransform, sendTransformed, type Transform } from './transform.ts';
import { copyObject, listObjects, listObjectsV2, moveObject, removeObject, removeObjects } from './manage.ts';
import { findObject, findReadable, infoBody, sendObject, type ObjectRow } from './read.ts';
import { assertExpiresIn, signDownload, signDownloads, signUpload, verifySigned } from './signed.ts';
import { uploadObject } from './write.ts';

type Handler = (r: Routed) => Promise<void>;

interface Routed {
  ctx: StorageContext;
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  info: RequestInfo;
  /** Route parameters: `bucket`, `id` and the object name in `name` (decoded). */
  params: Record<string, string>;
  /** The caller, from the Bearer JWT; verified only by routes that need it. */
  who(): Identity;
}

interface Route {
  method: string[];
  pattern: RegExp;
  keys: string[];
  handler: Handler;
}

const routes: Route[] = [];

/** `:x` is one path segment, a trailing `*` the rest of the path (the object name). */
function route(methods: string, path: string, handler: Handler): void {
  const keys: string[] = [];
  const source = path
    .split('/')
    .map((seg) => {
      if (seg.startsWith(':')) {
        keys.push(seg.slice(1));
        return '([^/]+)';
      }
      if (seg === '*') {
        keys.push('name');
        return '(.+)';
      }
      return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  routes.push({ method: methods.split(','), pattern: new RegExp(`^${source}/?$`), keys, handler });
}

const isHead = (r: Routed) => r.req.method === 'HEAD';
const downloadParam = (r: Routed) => r.url.searchParams.get('download');
const sendOpts = (r: Routed) => ({
  head: isHead(r),
  download: downloadParam(r),
  range: r.req.headers.range,
  ifNoneMatch: r.req.headers['if-none-match'] as string | undefined,
});

// Buckets
route('GET', '/bucket', async (r) =>
  sendJson(r.res, 200, await listBuckets(r.ctx, r.who(), r.info, r.url.searchParams)),
);
route('POST', '/bucket', async (r) =>
  sendJson(r.res, 200, await createBucket(r.ctx, r.who(), r.info, await jsonBody(r.req))),
);
route('GET', '/bucket/:id', async (r) => sendJson(r.res, 200, await getBucket(r.ctx, r.who(), r.info, r.params.id)));
route('PUT', '/bucket/:id', async (r) =>
  sendJson(r.res, 200, await updateBucket(r.ctx, r.who(), r.info, r.params.id, await jsonBody(r.req))),
);
route('DELETE', '/bucket/:id', async (r) =>
  sendJson(r.res, 200, await deleteBucket(r.ctx, r.who(), r.info, r.params.id)),
);
route('POST', '/bucket/:id/empty', async (r) => {
  const who = r.who();
  if (who.role !== 'service_role') throw ERRORS.accessDenied('Access denied: Invalid role', 403);
  sendJson(r.res, 200, await emptyBucket(r.ctx, who, r.info, r.params.id));
});

// Listing, moving, copying
route('POST', '/object/list/:bucket', async (r) =>
  sendJson(r.res, 200, await listObjects(r.ctx, r.who(), r.info, r.params.bucket, await jsonBody(r.req))),
);
route('POST', '/object/list-v2/:bucket', async (r) => {
  sendJson(r.res, 200, await listObjectsV2(r.ctx, r.who(), r.info, r.params.bucket, await jsonBody(r.req)));
});
route('POST', '/object/move', async (r) =>
  sendJson(r.res, 200, await moveObject(r.ctx, r.who(), r.info, relocation(await jsonBody(r.req), r))),
);
route('POST', '/object/copy', async (r) =>
  sendJson(r.res, 200, await copyObject(r.ctx, r.who(), r.info, relocation(await jsonBody(r.req), r))),
);

// Signed URLs
route('POST', '/object/sign/:bucket', async (r) => {
  const body = await jsonBody(r.req);
  sendJson(
    r.res,
    200,
    await signDownloads(r.ctx, r.who(), r.info, r.params.bucket, body.paths, assertExpiresIn(body.expiresIn)),
  );
});
route('POST', '/object/sign/:bucket/*', async (r) => {
  const body = await jsonBody(r.req);
  const transform =
    body.transform && typeof body.transform === 'object' && Object.keys(body.transform).length
      ? parseTransform(body.transform)
      : undefined;
  sendJson(
    r.res,
    200,
    await signDownload(
      r.ctx,
      r.who(),
      r.info,
      r.params.bucket,
      r.params.name,
      assertExpiresIn(body.expiresIn),
      transform,
    ),
  );
});
route('GET,HEAD', '/object/sign/:bucket/*', async (r) => {
  verifySigned(r.ctx, r.url.searchParams.get('token'), r.params.bucket, r.params.name, 'download');
  const obj = await findObject(r.ctx, superUser(), r.info, r.params.bucket, r.params.name);
  await sendObject(r.ctx, r.res, obj, sendOpts(r));
});
route('POST', '/object/upload/sign/:bucket/*', async (r) => {
  const upsert = r.req.headers['x-upsert'] === 'true';
  sendJson(r.res, 200, await signUpload(r.ctx, r.who(), r.info, r.params.bucket, r.params.name, upsert));
});
route('PUT', '/object/upload/sign/:bucket/*', async (r) => {
  const claims = verifySigned(r.ctx, r.url.searchParams.get('token'), r.params.bucket, r.params.name, 'upload');
  const out = await uploadObject(r.ctx, r.req, r.info, {
    who: superUser(claims.owner),
    owner: claims.owner,
    bucketId: r.params.bucket,
    name: r.params.name,
    upsert: Boolean(claims.upsert),
  });
  sendJson(r.res, 200, { Key: out.key });
});

// Reading
route('GET,HEAD', '/object/public/:bucket/*', async (r) => {
  await sendObject(
    r.ctx,
    r.res,
    await findReadable(r.ctx, undefined, r.info, r.params.bucket, r.params.name),
    sendOpts(r),
  );
});
route('GET,HEAD', '/object/authenticated/:bucket/*', async (r) => {
  await sendObject(
    r.ctx,
    r.res,
    await findReadable(r.ctx, r.who(), r.info, r.params.bucket, r.params.name),
    sendOpts(r),
  );
});
const info: Handler = async (r) => {
  const obj = await findReadable(r.ctx, r.params.public ? undefined : r.who(), r.info, r.params.bucket, r.params.name);
  if (isHead(r)) await sendObject(r.ctx, r.res, obj, { head: true });
  else sendJson(r.res, 200, infoBody(obj));
};
route('GET,HEAD', '/object/info/public/:bucket/*', (r) => info({ ...r, params: { ...r.params, public: '1' } }));
route('GET,HEAD', '/object/info/authenticated/:bucket/*', info);
route('GET,HEAD', '/object/info/:bucket/*', info);

// Writing and removing
route('DELETE', '/object/:bucket', async (r) => {
  const body = await jsonBody(r.req);
  if (!Array.isArray(body.prefixes)) throw ERRORS.invalidRequest("body must have required property 'prefixes'");
  const names = body.prefixes
    .map((p: unknown) => (typeof p === 'string' ? p : (p as { path?: unknown })?.path))
    .filter((p: unknown): p is string => typeof p === 'string');
  sendJson(r.res, 200, await removeObjects(r.ctx, r.who(), r.info, r.params.bucket, names));
});
route('POST,PUT', '/object/:bucket/*', async (r) => {
  const who = r.who();
  const upsert = r.req.method === 'PUT' || r.req.headers['x-upsert'] === 'true';
  const out = await uploadObject(r.ctx, r.req, r.info, {
    who,
    owner: who.owner,
    bucketId: r.params.bucket,
    name: r.params.name,
    upsert,
  });
  sendJson(r.res, 200, { Id: out.id, Key: out.key });
});
route('GET,HEAD', '/object/:bucket/*', async (r) => {
  await sendObject(
    r.ctx,
    r.res,
    await findReadable(r.ctx, r.who(), r.info, r.params.bucket, r.params.name),
    sendOpts(r),
  );
});
route('DELETE', '/object/:bucket/*', async (r) => {
  await removeObject(r.ctx, r.who(), r.info, r.params.bucket, r.params.name);
  sendJson(r.res, 200, { message: 'Successfully deleted' });
});

// Image transformations (sharp in place of storage's imgproxy; see transform.ts).
const render = (r: Routed, obj: ObjectRow, t: Transform) =>
  sendTransformed(r.ctx, r.res, obj, t, { head: isHead(r), accept: r.req.headers.accept });
route('GET,HEAD', '/render/image/public/:bucket/*', async (r) => {
  const t = parseTransform(r.url.searchParams);
  await render(r, await findReadable(r.ctx, undefined, r.info, r.params.bucket, r.params.name), t);
});
route('GET,HEAD', '/render/image/authenticated/:bucket/*', async (r) => {
  const t = parseTransform(r.url.searchParams);
  await render(r, await findReadable(r.ctx, r.who(), r.info, r.params.bucket, r.params.name), t);
});
route('GET,HEAD', '/render/image/sign/:bucket/*', async (r) => {
  const claims = verifySigned(r.ctx, r.url.searchParams.get('token'), r.params.bucket, r.params.name, 'download');
  const obj = await findObject(r.ctx, superUser(), r.info, r.params.bucket, r.params.name);
  // The token's transformation wins over the query string's, as in storage.
  await render(r, obj, parseTransform({ ...(claims.transformations ?? {}) } as Record<string, unknown>));
});

function relocation(body: Record<string, any>, r: Routed) {
  const header = r.req.headers['x-metadata'];
  let userMetadata: Record<string, unknown> | undefined;
  if (typeof header === 'string') {
    try {
      userMetadata = JSON.parse(Buffer.from(header, 'base64').toString('utf8'));
    } catch {
      userMetadata = undefined;
    }
  }
  return {
    bucketId: body.bucketId,
    sourceKey: body.sourceKey,
    destinationBucket: body.destinationBucket,
    destinationKey: body.destinationKey,
    copyMetadata: body.copyMetadata,
    metadata: body.metadata,
    userMetadata,
    upsert: r.req.headers['x-upsert'] === 'true',
  };
}

/** A decoded route parameter; a NUL byte can name neither a bucket nor an object. */
function decode(raw: string, key: string): string {
  let v: string;
  try {
    v = decodeURIComponent(raw);
  } catch {
    throw ERRORS.invalidKey(raw);
  }
  if (v.includes('\u0000')) throw key === 'name' ? ERRORS.invalidKey(raw) : ERRORS.invalidBucketName();
  return v;
}

export async function dispatch(
  ctx: StorageContext,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  url: URL,
): Promise<void> {
  const method = req.method ?? 'GET';
  let identity: Identity | undefined;
  const routed: Routed = {
    ctx,
    req,
    res,
    url,
    info: { method, path, headers: req.headers },
    params: {},
    who: () => (identity ??= identify(req, ctx.config.jwtSecret)),
  };
  try {
    const found = routes.find((r) => r.method.includes(method) && r.pattern.test(path));
    if (!found) throw ERRORS.routeNotFound(method, path);
    const m = found.pattern.exec(path)!;
    found.keys.forEach((k, i) => (routed.params[k] = decode(m[i + 1], k)));
    await found.handler(routed);
  } catch (err) {
    const error =
      err instanceof StorageError
        ? err
        : err instanceof BodyTooLarge
          ? ERRORS.entityTooLarge('request body')
          : (err as { code?: string })?.code
            ? fromPgError(err)
            : ERRORS.internal((err as Error)?.message);
    if (error.status >= 500) ctx.log(`${method} ${path}: ${(err as Error)?.stack ?? err}`);
    // An upload refused before its body was read: drain the rest so the client still gets the answer.
    if (!req.readableEnded) {
      req.unpipe();
      req.resume();
    }
    if (res.headersSent) res.destroy();
    else sendError(res, error);
  }
}
