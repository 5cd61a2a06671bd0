// Bucket management. Every statement runs as the caller: storage.buckets has RLS and, as in a fresh
// Supabase project, no policies, so only service_role (which bypasses RLS) manages buckets unless the
// app adds policies. Emptying is service_role only, as in storage.
import type { BucketConfig } from '../config.ts';
import { mustBeValidBucketName, mustFindBucket, type StorageContext } from './context.ts';
import type { RequestInfo } from './db.ts';
import { ERRORS } from './errors.ts';
import type { Identity } from './identity.ts';

// file_size_limit is bigint, which node-postgres reads as text; storage answers with a JSON number.
// Storage adds `type` to the bucket list (for current clients) but not to a single bucket.
const COLUMNS =
  'id, name, owner, public, file_size_limit::float8 as file_size_limit, allowed_mime_types, created_at, updated_at';
const LIST_COLUMNS = `${COLUMNS}, type`;
const SORT_COLUMNS = new Set(['id', 'name', 'created_at', 'updated_at']);
const MIME = /^([a-zA-Z0-9\-+.]+)\/([a-zA-Z0-9\-+.]+)(;\s*charset=[a-zA-Z0-9-]+)?$|\*$/;

/** Bucket limits accept bytes or "20MB"/"30KB"-style text (decimal units), as storage does. */
function parseSizeLimit(ctx: StorageContext, v: unknown): number | null | undefined {
  if (v === undefined) return undefined;
  if (v === null) return null;
  let n: number;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'string') {
    const m = /^([0-9]+(?:\.[0-9]+)?)(gb|mb|kb|b)$/i.exec(v.trim());
    if (!m) throw ERRORS.invalidFileSizeLimit();
    n = Number(Number(m[1]).toPrecision(3)) * { GB: 1e9, MB: 1e6, KB: 1e3, B: 1 }[m[2].toUpperCase() as 'GB']!;
  } else throw ERRORS.invalidFileSizeLimit();
  if (!Number.isFinite(n) || n < 0) throw ERRORS.invalidFileSizeLimit();
  if (n > ctx.config.storage.fileSizeLimit) throw ERRORS.entityTooLarge();
  return Math.floor(n);
}

function parseMimeTypes(v: unknown): string[] | null | undefined {
  if (v === undefined || v === null) return v as null | undefined;
  if (!Array.isArray(v)) throw ERRORS.invalidRequest('body/allowed_mime_types must be array');
  const list = v.filter((m) => m);
  for (const m of list)
    if (typeof m !== 'string' || m.length > 1000 || !MIME.test(m)) throw ERRORS.invalidMimeType(String(m));
  return list;
}

export async function createBucket(
  ctx: StorageContext,
  who: Identity,
  reqInfo: RequestInfo,
  body: Record<string, any>,
) {
  const name = body.name;
  if (typeof name !== 'string') throw ERRORS.invalidRequest("body must have required property 'name'");
  mustBeValidBucketName(name);
  const id = typeof body.id === 'string' && body.id ? body.id : name;
  mustBeValidBucketName(id);
  const type = body.type ?? 'STANDARD';
  if (type === 'ANALYTICS') throw ERRORS.notSupported('iceberg_catalog');
  if (type !== 'STANDARD') throw ERRORS.invalidRequest('body/type must be equal to one of the allowed values');
  const fileSizeLimit = parseSizeLimit(ctx, body.file_size_limit) ?? null;
  const mimeTypes = parseMimeTypes(body.allowed_mime_types) ?? null;
  const owner = who.owner && /^[0-9a-f-]{36}$/i.test(who.owner) ? who.owner : null;
  await ctx.db.as(
    who,
    reqInfo,
    async (tx) => {
      try {
        await tx.query(
          `insert into storage.buckets (id, name, owner, owner_id, public, file_size_limit, allowed_mime_types, type)
         values ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [id, name, owner, who.owner ?? null, Boolean(body.public), fileSizeLimit, mimeTypes, type],
        );
      } catch (err) {
        if ((err as { code?: string }).code === '23505') throw ERRORS.bucketAlreadyExists();
        throw err;
      }
    },
    { operation: 'storage.bucket.create' },
  );
  return { name };
}

export async function listBuckets(ctx: StorageContext, who: Identity, reqInfo: RequestInfo, q: URLSearchParams) {
  const where: string[] = [];
  const values: unknown[] = [];
  const search = q.get('search');
  if (search) {
    values.push(`%${search.replace(/[\\%_]/g, (c) => '\\' + c)}%`);
    where.push(`name ilike $${values.length}`);
  }
  let sql = `select ${LIST_COLUMNS} from storage.buckets${where.length ? ' where ' + where.join(' and ') : ''}`;
  const sortColumn = q.get('sortColumn');
  if (sortColumn) {
    if (!SORT_COLUMNS.has(sortColumn))
      throw ERRORS.invalidRequest('querystring/sortColumn must be equal to one of the allowed values');
    sql += ` order by ${sortColumn} ${q.get('sortOrder') === 'desc' ? 'desc' : 'asc'}`;
  }
  for (const key of ['limit', 'offset'] as const) {
    const raw = q.get(key);
    if (raw === null) continue;
    const n = Number(raw);
    // past 2^53 the number is not exact, and past int8 Postgres would fail (a 500): a 400 like any bad integer
    if (!Number.isSafeInteger(n) || n < 0) throw ERRORS.invalidRequest(`querystring/${key} must be integer`);
    values.push(n);
    sql += ` ${key} $${values.length}`;
  }
  return ctx.db.as(who, reqInfo, async (tx) => (await tx.query(sql, values)).rows, {
    operation: 'storage.bucket.list',
  });
}

export async function getBucket(ctx: StorageContext, who: Identity, reqInfo: RequestInfo, id: string) {
  const row = await ctx.db.as(
    who,
    reqInfo,
    async (tx) => (await tx.query(`select ${COLUMNS} from storage.buckets where id = $1`, [id])).rows[0],
    {
      operation: 'storage.bucket.get',
    },
  );
  if (!row) throw ERRORS.noSuchBucket();
  return row;
}

export async function updateBucket(
  ctx: StorageContext,
  who: Identity,
  reqInfo: RequestInfo,
  id: string,
  body: Record<string, any>,
) {
  mustBeValidBucketName(id);
  const sets: string[] = [];
  const values: unknown[] = [id];
  const add = (col: string, v: unknown) => {
    values.push(v);
    sets.push(`${col} = $${values.length}`);
  };
  if (body.public !== undefined) add('public', Boolean(body.public));
  const size = parseSizeLimit(ctx, body.file_size_limit);
  if (size !== undefined) add('file_size_limit', size);
  const mimes = parseMimeTypes(body.allowed_mime_types);
  if (mimes !== undefined) add('allowed_mime_types', mimes);
  if (sets.length === 0) throw ERRORS.noContent();
  const updated = await ctx.db.as(
    who,
    reqInfo,
    async (tx) => {
      const { rowCount } = await tx.query(
        `update storage.buckets set ${sets.join(', ')}, updated_at = now() where id = $1`,
        values,
      );
      return rowCount ?? 0;
    },
    { operation: 'storage.bucket.update' },
  );
  if (updated === 0) throw ERRORS.noSuchBucket();
  return { message: 'Successfully updated' };
}

/** Removes every object of a bucket (service_role only, checked by the router) and their bytes. */
export async function emptyBucket(ctx: StorageContext, who: Identity, reqInfo: RequestInfo, id: string) {
  await mustFindBucket(ctx, id);
  const rows = await ctx.db.as(
    who,
    reqInfo,
    async (tx) => {
      const r = await tx.query<{ name: string; version: string | null }>(
        'delete from storage.objects where bucket_id = $1 returning name, version',
        [id],
      );
      return r.rows;
    },
    { operation: 'storage.bucket.empty' },
  );
  for (const r of rows) if (r.version) await ctx.disk.remove(id, r.name, r.version).catch(() => {});
  // Storage's words: it empties in the background; here it is already done when this answers.
  return { message: 'Empty bucket has been queued. Completion may take up to an hour.' };
}

export async function deleteBucket(ctx: StorageContext, who: Identity, reqInfo: RequestInfo, id: string) {
  await mustFindBucket(ctx, id);
  // Any object keeps the bucket, visible to the caller or not: counted as storage itself.
  const { rows } = await ctx.admin.query('select 1 from storage.objects where bucket_id = $1 limit 1', [id]);
  if (rows.length > 0) throw ERRORS.bucketNotEmpty();
  const deleted = await ctx.db.as(
    who,
    reqInfo,
    async (tx) => (await tx.query('delete from storage.buckets where id = $1', [id])).rowCount ?? 0,
    {
      operation: 'storage.bucket.delete',
    },
  );
  if (deleted === 0) throw ERRORS.noSuchBucket();
  await ctx.disk.removeBucket(id).catch(() => {});
  return { message: 'Successfully deleted' };
}

/** Creates (or brings up to date) the buckets supabase/config.toml declares, as `supabase start` does. */
export async function seedBuckets(ctx: StorageContext, buckets: Record<string, BucketConfig>): Promise<void> {
  for (const [id, b] of Object.entries(buckets)) {
    await ctx.admin.query(
      `insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
       values ($1, $1, $2, $3, $4)
       on conflict (id) do update set public = excluded.public, file_size_limit = excluded.file_size_limit,
         allowed_mime_types = excluded.allowed_mime_types, updated_at = now()`,
      [id, b.public, b.fileSizeLimit, b.allowedMimeTypes],
    );
  }
}
