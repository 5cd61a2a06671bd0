// What every storage handler works with, and the small helpers they share.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type pg from 'pg';
import type { StackConfig } from '../config.ts';
import { readBody } from '../gateway/http.ts';
import type { StorageDb, Tx } from './db.ts';
import type { Disk } from './disk.ts';
import { ERRORS, StorageError } from './errors.ts';
import type { Identity } from './identity.ts';

export interface StorageContext {
  config: StackConfig;
  db: StorageDb;
  /** Superuser connections for storage's own bookkeeping (bucket lookups, existence checks). */
  admin: pg.Pool;
  disk: Disk;
  log(message: string): void;
}

/** One routed request: the raw request/response plus its decoded route parameters. */
export interface Call {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** The path under /storage/v1, as requested (still percent-encoded). */
  path: string;
  /** Set lazily by `who()`: routes that need no JWT (public, signed) never verify one. */
  who(): Identity;
}

export interface BucketRow {
  id: string;
  name: string;
  public: boolean;
  file_size_limit: string | number | null;
  allowed_mime_types: string[] | null;
}

// Object keys and bucket names storage accepts (S3-safe characters only).
const VALID_KEY = /^[A-Za-z0-9_/!.*'() &$=@;:+,?-]*$/;
const VALID_BUCKET = /^[A-Za-z0-9_!.*'() &$=@;:+,?-]*$/;

/**
 * Object keys as storage accepts them, within what the file backend can store: at most 1,024 bytes (S3's key
 * limit) and no path segment over 255 bytes (a file or folder name on disk; storage's S3 backend has no such
 * limit, a documented difference), so a long name is a 400 InvalidKey, never ENAMETOOLONG (a 500).
 */
export function mustBeValidKey(key: string | undefined): asserts key is string {
  if (!key || !VALID_KEY.test(key)) throw ERRORS.invalidKey(key ?? '');
  if (Buffer.byteLength(key) > 1024 || key.split('/').some((segment) => Buffer.byteLength(segment) > 255))
    throw ERRORS.invalidKey(key.length > 200 ? `${key.slice(0, 200)}…` : key);
}

export function mustBeValidBucketName(name: string | undefined): asserts name is string {
  if (!name || name.length > 100 || !VALID_BUCKET.test(name) || name.trim() !== name) throw ERRORS.invalidBucketName();
}

/** A bucket looked up as storage itself (RLS bypassed), as storage does before uploads and downloads. */
export async function findBucket(ctx: StorageContext, id: string): Promise<BucketRow | undefined> {
  const { rows } = await ctx.admin.query<BucketRow>(
    'select id, name, public, file_size_limit, allowed_mime_types from storage.buckets where id = $1',
    [id],
  );
  return rows[0];
}

export async function mustFindBucket(ctx: StorageContext, id: string): Promise<BucketRow> {
  const bucket = await findBucket(ctx, id);
  if (!bucket) throw ERRORS.noSuchBucket();
  return bucket;
}

/** The upload size limit: the bucket's when set, never above the stack-wide one. */
export function maxUploadSize(ctx: StorageContext, bucket: BucketRow): number {
  const global = ctx.config.storage.fileSizeLimit;
  return bucket.file_size_limit === null ? global : Math.min(Number(bucket.file_size_limit), global);
}

/** A JSON request body (storage-js sends JSON for every non-upload call). */
export async function jsonBody(req: IncomingMessage): Promise<Record<string, any>> {
  const raw = await readBody(req, 1024 * 1024);
  if (raw.length === 0) return {};
  try {
    const v = JSON.parse(raw.toString('utf8'));
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      // Postgres cannot store NUL in text: refused here with a sentence instead of failing in SQL.
      if (hasNul(v)) throw ERRORS.invalidRequest('Names, prefixes and paths may not contain NUL bytes');
      return v;
    }
  } catch (err) {
    if (err instanceof StorageError) throw err;
  }
  throw ERRORS.invalidRequest('Body is not valid JSON');
}

function hasNul(v: unknown): boolean {
  if (typeof v === 'string') return v.includes('\u0000');
  if (Array.isArray(v)) return v.some(hasNul);
  if (v && typeof v === 'object') return Object.entries(v).some(([k, x]) => k.includes('\u0000') || hasNul(x));
  return false;
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
  });
  res.end(text);
}

/**
 * Switches the transaction to service_role for one statement and back: storage reads bookkeeping
 * (a previous version to clean up) without RLS, inside the caller's transaction and its locks.
 */
export async function asServiceRole<T>(tx: Tx, who: Identity, fn: () => Promise<T>): Promise<T> {
  await tx.query('set local role service_role');
  try {
    return await fn();
  } finally {
    await tx.query(`select set_config('role', $1, true)`, [who.role]);
  }
}

/** Serialises writers of one object name within a transaction. */
export async function lockObject(tx: Tx, bucket: string, name: string): Promise<void> {
  await tx.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', [`storage:${bucket}/${name}`]);
}
