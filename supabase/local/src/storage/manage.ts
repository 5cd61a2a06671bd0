// Listing, removing, moving and copying objects, each as the caller so RLS applies: list goes through
// storage.search (security invoker), remove is DELETE … RETURNING, move is an UPDATE of the row
// (judged by UPDATE policies on old and new name), copy reads the source and INSERTs the destination.
import { randomUUID } from 'node:crypto';
import { asServiceRole, lockObject, mustBeValidKey, type StorageContext } from './context.ts';
import type { RequestInfo } from './db.ts';
import { ERRORS } from './errors.ts';
import type { Identity } from './identity.ts';
import type { ObjectRow } from './read.ts';
import { writeRow } from './write.ts';

const SORT_COLUMNS = new Set(['name', 'updated_at', 'created_at', 'last_accessed_at']);

export interface ListOptions {
  prefix?: string;
  limit?: number;
  offset?: number;
  search?: string;
  sortBy?: { column?: string; order?: string };
}

export async function listObjects(
  ctx: StorageContext,
  who: Identity,
  reqInfo: RequestInfo,
  bucketId: string,
  opts: ListOptions,
) {
  let prefix = typeof opts.prefix === 'string' ? opts.prefix : '';
  // storage treats the prefix as a folder
  if (prefix.length > 0 && !prefix.endsWith('/')) prefix += '/';
  const levels = prefix.split('/').length;
  const column = opts.sortBy?.column ?? 'name';
  const order = opts.sortBy?.order ?? 'asc';
  if (!SORT_COLUMNS.has(column))
    throw ERRORS.invalidRequest(`body/sortBy/column must be equal to one of the allowed values`);
  if (order !== 'asc' && order !== 'desc')
    throw ERRORS.invalidRequest(`body/sortBy/order must be equal to one of the allowed values`);
  const limit = clampInt(opts.limit, 100, 1, 1000);
  // storage.search takes an int offset: anything past int4 would be a database error (a 500)
  const offset = clampInt(opts.offset, 0, 0, 2 ** 31 - 1);
  return ctx.db.as(
    who,
    reqInfo,
    async (tx) => {
      const { rows } = await tx.query('select * from storage.search($1, $2, $3, $4, $5, $6, $7, $8)', [
        prefix,
        bucketId,
        limit,
        levels,
        offset,
        typeof opts.search === 'string' ? opts.search : '',
        column,
        order,
      ]);
      return rows;
    },
    { operation: 'storage.object.list' },
  );
}

function clampInt(v: unknown, fallback: number, min: number, max: number): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  if (!Number.isFinite(n)) return fallback;
  return Math.min(Math.max(Math.trunc(n), min), max);
}

/** Deletes the named objects the caller may delete; returns their rows (invisible ones are skipped). */
export async function removeObjects(
  ctx: StorageContext,
  who: Identity,
  reqInfo: RequestInfo,
  bucketId: string,
  names: string[],
): Promise<ObjectRow[]> {
  if (names.length === 0) return [];
  if (names.length > 1000) throw ERRORS.invalidRequest('Bulk object requests are limited to 1000 objects per request.');
  const deleted = await ctx.db.as(
    who,
    reqInfo,
    async (tx) => {
      const { rows } = await tx.query<ObjectRow>(
        'delete from storage.objects where bucket_id = $1 and name = any($2::text[]) returning *',
        [bucketId, names],
      );
      return rows;
    },
    { operation: 'storage.object.delete' },
  );
  for (const row of deleted) if (row.version) await ctx.disk.remove(bucketId, row.name, row.version).catch(() => {});
  return deleted.map(({ path_tokens: _t, ...rest }: ObjectRow & { path_tokens?: unknown }) => rest);
}

/** DELETE /object/:bucket/:name — a missing object is 404, one the caller may not delete is 403. */
export async function removeObject(
  ctx: StorageContext,
  who: Identity,
  reqInfo: RequestInfo,
  bucketId: string,
  name: string,
): Promise<void> {
  mustBeValidKey(name);
  const { rows } = await ctx.admin.query('select 1 from storage.objects where bucket_id = $1 and name = $2', [
    bucketId,
    name,
  ]);
  if (rows.length === 0) throw ERRORS.noSuchKey();
  const deleted = await removeObjects(ctx, who, reqInfo, bucketId, [name]);
  if (deleted.length === 0) throw ERRORS.accessDenied('Access denied');
}

export interface Relocation {
  bucketId: string;
  sourceKey: string;
  destinationBucket?: string;
  destinationKey: string;
  upsert?: boolean;
  copyMetadata?: boolean;
  metadata?: { cacheControl?: string; mimetype?: string };
  userMetadata?: Record<string, unknown>;
}

function checkRelocation(r: Relocation): string {
  for (const k of ['bucketId', 'sourceKey', 'destinationKey'] as const) {
    if (typeof r[k] !== 'string' || !r[k]) throw ERRORS.invalidRequest(`body must have required property '${k}'`);
  }
  mustBeValidKey(r.sourceKey);
  mustBeValidKey(r.destinationKey);
  return r.destinationBucket || r.bucketId;
}

/**
 * Renames an object (possibly into another bucket): one UPDATE as the caller. The version file is copied
 * to the new place inside the transaction and the old one removed only after commit, so a refused or
 * failed move leaves the object where it was.
 */
export async function moveObject(ctx: StorageContext, who: Identity, reqInfo: RequestInfo, r: Relocation) {
  const destBucket = checkRelocation(r);
  ctx.disk.pathOf(destBucket, r.destinationKey, 'probe');
  const samePlace = r.bucketId === destBucket && r.sourceKey === r.destinationKey;
  let placed: string | null = null;
  try {
    const row = await ctx.db.as(
      who,
      reqInfo,
      async (tx) => {
        await lockObject(tx, r.bucketId, r.sourceKey);
        const found = await tx.query('select 1 from storage.objects where bucket_id = $1 and name = $2', [
          r.bucketId,
          r.sourceKey,
        ]);
        if (found.rows.length === 0) throw ERRORS.noSuchKey();
        const owner = who.owner && /^[0-9a-f-]{36}$/i.test(who.owner) ? who.owner : null;
        let moved;
        try {
          moved = await tx.query<ObjectRow>(
            `update storage.objects set bucket_id = $3, name = $4, owner = $5, owner_id = $6
           where bucket_id = $1 and name = $2 returning id, name, version`,
            [r.bucketId, r.sourceKey, destBucket, r.destinationKey, owner, who.owner ?? null],
          );
        } catch (err) {
          if ((err as { code?: string }).code === '23505') throw ERRORS.keyAlreadyExists();
          throw err;
        }
        const out = moved.rows[0];
        if (!out) throw ERRORS.noSuchKey();
        if (out.version && !samePlace && (await ctx.disk.size(r.bucketId, r.sourceKey, out.version)) !== undefined) {
          await ctx.disk.copy(
            { bucket: r.bucketId, name: r.sourceKey, version: out.version },
            { bucket: destBucket, name: r.destinationKey, version: out.version },
          );
          placed = out.version;
        }
        return out;
      },
      { operation: 'storage.object.move' },
    );
    if (placed) await ctx.disk.remove(r.bucketId, r.sourceKey, placed).catch(() => {});
    return { message: 'Successfully moved', Id: row.id, Key: row.name };
  } catch (err) {
    if (placed) await ctx.disk.remove(destBucket, r.destinationKey, placed).catch(() => {});
    throw err;
  }
}

/** Copies an object: SELECT on the source and INSERT (or upsert) on the destination, as the caller. */
export async function copyObject(ctx: StorageContext, who: Identity, reqInfo: RequestInfo, r: Relocation) {
  const destBucket = checkRelocation(r);
  ctx.disk.pathOf(destBucket, r.destinationKey, 'probe');
  const version = randomUUID();
  let previous: string | null = null;
  let placed = false;
  try {
    const out = await ctx.db.as(
      who,
      reqInfo,
      async (tx) => {
        const src = await tx.query<ObjectRow>(
          'select id, name, version, metadata, user_metadata from storage.objects where bucket_id = $1 and name = $2',
          [r.bucketId, r.sourceKey],
        );
        const source = src.rows[0];
        if (!source) throw ERRORS.noSuchKey();
        const copyMetadata = r.copyMetadata ?? true;
        const metadata: Record<string, unknown> = { ...(source.metadata ?? {}) };
        if (!copyMetadata) {
          if (r.metadata?.cacheControl !== undefined) metadata.cacheControl = r.metadata.cacheControl;
          if (r.metadata?.mimetype !== undefined) metadata.mimetype = r.metadata.mimetype;
        }
        metadata.lastModified = new Date().toISOString();
        const userMetadata = copyMetadata ? (source.user_metadata ?? undefined) : r.userMetadata;
        await lockObject(tx, destBucket, r.destinationKey);
        if (r.upsert) {
          previous = await asServiceRole(tx, who, async () => {
            const p = await tx.query('select version from storage.objects where bucket_id = $1 and name = $2', [
              destBucket,
              r.destinationKey,
            ]);
            return (p.rows[0]?.version as string | null) ?? null;
          });
        }
        await writeRow(
          tx,
          { bucketId: destBucket, name: r.destinationKey, owner: who.owner, metadata, userMetadata, version },
          Boolean(r.upsert),
        );
        if (!source.version || (await ctx.disk.size(r.bucketId, r.sourceKey, source.version)) === undefined)
          throw ERRORS.noSuchKey();
        await ctx.disk.copy(
          { bucket: r.bucketId, name: r.sourceKey, version: source.version },
          { bucket: destBucket, name: r.destinationKey, version },
        );
        placed = true;
        const dest = await asServiceRole(
          tx,
          who,
          async () =>
            (
              await tx.query('select * from storage.objects where bucket_id = $1 and name = $2', [
                destBucket,
                r.destinationKey,
              ])
            ).rows[0],
        );
        const { path_tokens: _t, ...destObject } = dest;
        return { Id: dest.id, Key: `${destBucket}/${r.destinationKey}`, ...destObject };
      },
      { operation: 'storage.object.copy' },
    );
    if (previous) await ctx.disk.remove(destBucket, r.destinationKey, previous).catch(() => {});
    return out;
  } catch (err) {
    if (placed) await ctx.disk.remove(destBucket, r.destinationKey, version).catch(() => {});
    throw err;
  }
}

export interface ListV2Options {
  prefix?: unknown;
  limit?: unknown;
  cursor?: unknown;
  with_delimiter?: unknown;
  sortBy?: { column?: unknown; order?: unknown };
}

/**
 * POST /object/list-v2/:bucket — keys under a prefix, paged by an opaque cursor (base64 of the last key,
 * or of `[sort value, key]` when sorted by a date). With `with_delimiter`, keys deeper than the next `/`
 * fold into one folder entry each. As Supabase Storage answers supabase/storage-js's own suite: an
 * object's `name` (and `key`) is its full path; a folder's `name` is its full path with the trailing
 * `/`, its `key` the same without it. Folders have no dates: sorted by a date they come first (asc).
 */
export async function listObjectsV2(
  ctx: StorageContext,
  who: Identity,
  reqInfo: RequestInfo,
  bucketId: string,
  opts: ListV2Options,
) {
  const prefix = typeof opts.prefix === 'string' ? opts.prefix : '';
  if (prefix.includes('\0')) throw ERRORS.invalidKey(prefix);
  const column = String(opts.sortBy?.column ?? 'name');
  const order = opts.sortBy?.order ?? 'asc';
  if (!['name', 'updated_at', 'created_at'].includes(column))
    throw ERRORS.invalidRequest('body/sortBy/column must be equal to one of the allowed values');
  if (order !== 'asc' && order !== 'desc')
    throw ERRORS.invalidRequest('body/sortBy/order must be equal to one of the allowed values');
  if (opts.limit !== undefined && (!Number.isInteger(opts.limit) || (opts.limit as number) < 1))
    throw ERRORS.invalidRequest('body/limit must be integer >= 1');
  const limit = Math.min((opts.limit as number | undefined) ?? 1000, 1000);
  const byDate = column !== 'name';
  let afterKey: string | null = null;
  let afterAt: string | null = null;
  if (opts.cursor !== undefined && opts.cursor !== null && opts.cursor !== '') {
    if (typeof opts.cursor !== 'string') throw ERRORS.invalidRequest('body/cursor must be string');
    const text = Buffer.from(opts.cursor, 'base64').toString('utf8');
    if (text.includes('\0')) throw ERRORS.invalidRequest('Invalid cursor');
    if (byDate) {
      let pair: unknown;
      try {
        pair = JSON.parse(text);
      } catch {
        pair = undefined;
      }
      const valid =
        Array.isArray(pair) &&
        typeof pair[0] === 'string' &&
        typeof pair[1] === 'string' &&
        /^(-infinity|\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{1,6})?[+-]\d\d(:\d\d)?)$/.test(pair[0]);
      if (!valid) throw ERRORS.invalidRequest('Invalid cursor');
      [afterAt, afterKey] = pair as [string, string];
    } else afterKey = text;
  }
  const delimiter = opts.with_delimiter === true;
  const cmp = order === 'asc' ? '>' : '<';
  const dir = order === 'asc' ? 'asc' : 'desc';
  // The sort value: the key, or the date (folders: -infinity) then the key.
  const sortAt = byDate
    ? `coalesce(e.${column === 'created_at' ? 'created_at' : 'updated_at'}, '-infinity'::timestamptz)`
    : 'null::timestamptz';
  const after = byDate
    ? `($3::text is null or (${sortAt}, e.key collate "C") ${cmp} ($7::timestamptz, $3::text collate "C"))`
    : `($3::text is null or e.key collate "C" ${cmp} $3::text collate "C")`;
  const orderBy = byDate ? `${sortAt} ${dir}, e.key collate "C" ${dir}` : `e.key collate "C" ${dir}`;
  const rows = await ctx.db.as(
    who,
    reqInfo,
    async (tx) =>
      (
        await tx.query(
          `with level as (
             select o.id, o.name, o.metadata, o.updated_at, o.created_at, o.last_accessed_at,
               case when $4 and strpos(substr(o.name, $5 + 1), '/') > 0
                 then left(o.name, $5 + strpos(substr(o.name, $5 + 1), '/')) end as folder
             from storage.objects o
             where o.bucket_id = $1 and left(o.name, $5) = $2
           ), entries as (
             select distinct on (coalesce(folder, name) collate "C") coalesce(folder, name) as key,
               folder is not null as is_folder, id, metadata,
               case when folder is null then updated_at end as updated_at,
               case when folder is null then created_at end as created_at,
               case when folder is null then last_accessed_at end as last_accessed_at
             from level
             order by coalesce(folder, name) collate "C"
           )
           select e.*, ${sortAt}::text as sort_at from entries e
           where ${after}
           order by ${orderBy}
           limit $6`,
          [bucketId, prefix, afterKey, delimiter, [...prefix].length, limit + 1, ...(byDate ? [afterAt] : [])],
        )
      ).rows,
    { operation: 'storage.object.list_v2' },
  );
  const hasNext = rows.length > limit;
  const page = rows.slice(0, limit);
  const folders = page.filter((r) => r.is_folder).map((r) => ({ key: String(r.key).replace(/\/$/, ''), name: r.key }));
  const objects = page
    .filter((r) => !r.is_folder)
    .map((r) => ({
      id: r.id,
      key: r.key,
      name: r.key,
      updated_at: r.updated_at,
      created_at: r.created_at,
      last_accessed_at: r.last_accessed_at,
      metadata: r.metadata ?? {},
    }));
  const last = page[page.length - 1];
  const cursorOf = (r: { key: string; sort_at: string }) =>
    Buffer.from(byDate ? JSON.stringify([r.sort_at, r.key]) : r.key, 'utf8').toString('base64');
  return {
    hasNext,
    folders,
    objects,
    ...(hasNext && last ? { nextCursor: cursorOf(last) } : {}),
  };
}
