// Reading objects: download (authenticated, public, signed), HEAD and info. A private bucket's object
// is looked up as the caller, so RLS SELECT policies decide; a public bucket's is looked up as storage.
import type { ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { findBucket, type StorageContext } from './context.ts';
import type { RequestInfo } from './db.ts';
import { ERRORS } from './errors.ts';
import { superUser, type Identity } from './identity.ts';

export interface ObjectRow {
  id: string;
  name: string;
  bucket_id: string;
  version: string | null;
  owner: string | null;
  owner_id: string | null;
  metadata: Record<string, any> | null;
  user_metadata: Record<string, unknown> | null;
  created_at: Date;
  updated_at: Date;
  last_accessed_at: Date;
}

export async function findObject(
  ctx: StorageContext,
  who: Identity,
  reqInfo: RequestInfo | undefined,
  bucketId: string,
  name: string,
): Promise<ObjectRow> {
  const row = await ctx.db.as(
    who,
    reqInfo,
    async (tx) => {
      const { rows } = await tx.query<ObjectRow>(
        `select id, name, bucket_id, version, owner, owner_id, metadata, user_metadata, created_at, updated_at, last_accessed_at
       from storage.objects where bucket_id = $1 and name = $2`,
        [bucketId, name],
      );
      return rows[0];
    },
    { operation: 'storage.object.get' },
  );
  if (!row) throw ERRORS.noSuchKey();
  return row;
}

/**
 * The object behind an authenticated or public read. `who` undefined means the public route: the bucket
 * must be public. An authenticated read of a public bucket skips RLS, as storage does.
 */
export async function findReadable(
  ctx: StorageContext,
  who: Identity | undefined,
  reqInfo: RequestInfo,
  bucketId: string,
  name: string,
): Promise<ObjectRow> {
  const bucket = await findBucket(ctx, bucketId);
  if (!bucket || (!who && !bucket.public)) throw ERRORS.noSuchBucket();
  return findObject(ctx, bucket.public ? superUser() : who!, reqInfo, bucketId, name);
}

/** The JSON `info` answers with (storage-js camelCases it). */
export function infoBody(obj: ObjectRow): Record<string, unknown> {
  const m = obj.metadata ?? {};
  return {
    id: obj.id,
    name: obj.name,
    version: obj.version,
    bucket_id: obj.bucket_id,
    size: m.size ?? null,
    content_type: m.mimetype ?? null,
    cache_control: m.cacheControl ?? null,
    etag: m.eTag ?? null,
    // storage answers the user metadata, `{}` when the upload carried none
    metadata: obj.user_metadata ?? {},
    last_modified: obj.updated_at,
    created_at: obj.created_at,
  };
}

/** Parses a single `bytes=` range against a size; undefined for no (or an ignorable) Range header. */
export function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | 'invalid' | undefined {
  if (!header) return undefined;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  let start: number;
  let end: number;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) return 'invalid';
    start = Math.max(size - suffix, 0);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (start >= size || start > end) return 'invalid';
  return { start, end };
}

/** Streams an object's bytes (or only its headers for HEAD) with the caching headers storage sends. */
export async function sendObject(
  ctx: StorageContext,
  res: ServerResponse,
  obj: ObjectRow,
  opts: { head: boolean; download?: string | null; range?: string; ifNoneMatch?: string },
): Promise<void> {
  const m = obj.metadata ?? {};
  const size = obj.version ? await ctx.disk.size(obj.bucket_id, obj.name, obj.version) : undefined;
  // A row without bytes (inserted straight into the table) reads as a missing object, as in storage.
  if (size === undefined) throw ERRORS.noSuchKey();
  const headers: Record<string, string> = {
    'content-type': m.mimetype || 'application/octet-stream',
    'cache-control': m.cacheControl || 'no-cache',
    'accept-ranges': 'bytes',
    'x-robots-tag': 'none',
  };
  if (m.eTag) headers.etag = m.eTag;
  const modified = new Date(m.lastModified ?? obj.updated_at);
  if (!Number.isNaN(modified.getTime())) headers['last-modified'] = modified.toUTCString();
  if (opts.download !== undefined && opts.download !== null) {
    const filename = opts.download || obj.name.split('/').pop() || 'download';
    headers['content-disposition'] =
      `attachment; filename=${encodeURIComponent(filename)}; filename*=UTF-8''${encodeURIComponent(filename)}`;
  }
  if (
    opts.ifNoneMatch &&
    m.eTag &&
    opts.ifNoneMatch
      .split(',')
      .map((s) => s.trim())
      .includes(m.eTag)
  ) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  const range = parseRange(opts.range, size);
  if (range === 'invalid') {
    throw ERRORS.invalidRange();
  }
  if (range) {
    headers['content-range'] = `bytes ${range.start}-${range.end}/${size}`;
    headers['content-length'] = String(range.end - range.start + 1);
    res.writeHead(206, headers);
  } else {
    headers['content-length'] = String(size);
    res.writeHead(200, headers);
  }
  if (opts.head) {
    res.end();
    return;
  }
  await pipeline(ctx.disk.read(obj.bucket_id, obj.name, obj.version!, range), res);
}
