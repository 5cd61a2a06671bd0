// Writing objects: upload (POST), update (PUT), signed uploads. Storage's order of checks is kept:
// the bucket's MIME and size limits, then an INSERT (or upsert) probe as the caller that is rolled
// back, so RLS refuses before any byte is accepted; then the bytes stream to a temp file; then the
// row is written as the caller and the file renamed into place in the same transaction.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import {
  asServiceRole,
  lockObject,
  maxUploadSize,
  mustBeValidKey,
  mustFindBucket,
  type StorageContext,
} from './context.ts';
import type { RequestInfo, Tx } from './db.ts';
import { StorageError, ERRORS } from './errors.ts';
import type { Identity } from './identity.ts';
import { isEmptyFolder, readUploadBody } from './upload-body.ts';

export interface ObjectRowInput {
  bucketId: string;
  name: string;
  owner?: string;
  metadata: Record<string, unknown>;
  userMetadata?: Record<string, unknown>;
  version: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * INSERT, or INSERT … ON CONFLICT DO UPDATE for upserts: the statements RLS policies judge. No RETURNING:
 * that would also demand a SELECT policy, and storage lets a user with only an INSERT policy upload.
 */
export async function writeRow(tx: Tx, row: ObjectRowInput, upsert: boolean): Promise<void> {
  const owner = row.owner && UUID.test(row.owner) ? row.owner : null;
  const values = [
    randomUUID(),
    row.bucketId,
    row.name,
    owner,
    row.owner ?? null,
    row.metadata,
    row.userMetadata ?? null,
    row.version,
  ];
  const insert = `insert into storage.objects (id, bucket_id, name, owner, owner_id, metadata, user_metadata, version)
                  values ($1, $2, $3, $4, $5, $6, $7, $8)`;
  try {
    await tx.query(
      upsert
        ? `${insert} on conflict (bucket_id, name) do update set
             metadata = excluded.metadata, user_metadata = excluded.user_metadata, version = excluded.version,
             owner = excluded.owner, owner_id = excluded.owner_id, last_accessed_at = now()`
        : insert,
      values,
    );
  } catch (err) {
    if ((err as { code?: string }).code === '23505') throw ERRORS.keyAlreadyExists();
    throw err;
  }
}

/** The id of a row just written, read as storage itself (the caller may have no SELECT policy). */
export async function objectId(tx: Tx, who: Identity, bucketId: string, name: string): Promise<string> {
  return asServiceRole(tx, who, async () => {
    const { rows } = await tx.query('select id from storage.objects where bucket_id = $1 and name = $2', [
      bucketId,
      name,
    ]);
    return rows[0]?.id as string;
  });
}

export interface UploadResult {
  id: string;
  key: string;
}

/**
 * Stores the request body as `bucketId/name`. `who` is the role the rows are written as (the caller,
 * or storage itself for signed uploads); `owner` is recorded on the row.
 */
export async function uploadObject(
  ctx: StorageContext,
  req: IncomingMessage,
  reqInfo: RequestInfo,
  opts: { who: Identity; owner?: string; bucketId: string; name: string; upsert: boolean },
): Promise<UploadResult> {
  const { who, owner, bucketId, name, upsert } = opts;
  mustBeValidKey(name);
  ctx.disk.pathOf(bucketId, name, 'probe');
  const bucket = await mustFindBucket(ctx, bucketId);
  const maxSize = isEmptyFolder(name) ? 0 : maxUploadSize(ctx, bucket);
  const body = await readUploadBody(req, { maxSize, allowedMimeTypes: bucket.allowed_mime_types, objectName: name });

  // Probe: would the caller be allowed to write this row? Rolled back whatever the answer.
  await ctx.db.as(
    who,
    reqInfo,
    (tx) =>
      writeRow(
        tx,
        {
          bucketId,
          name,
          owner,
          version: '1',
          userMetadata: body.userMetadata,
          metadata: { mimetype: body.mimeType, contentLength: body.declaredLength },
        },
        upsert,
      ),
    { rollback: true, operation: 'storage.object.upload' },
  );

  const written = await ctx.disk.writeTemp(body.stream, maxSize);
  const version = randomUUID();
  const metadata = {
    eTag: written.eTag,
    size: written.size,
    mimetype: body.mimeType,
    cacheControl: body.cacheControl,
    lastModified: new Date().toISOString(),
    contentLength: written.size,
    httpStatusCode: 200,
  };
  let previous: string | null = null;
  let placed = false;
  try {
    const row = await ctx.db.as(
      who,
      reqInfo,
      async (tx) => {
        await lockObject(tx, bucketId, name);
        if (upsert) {
          previous = await asServiceRole(tx, who, async () => {
            const r = await tx.query('select version from storage.objects where bucket_id = $1 and name = $2', [
              bucketId,
              name,
            ]);
            return (r.rows[0]?.version as string | null) ?? null;
          });
        }
        await writeRow(tx, { bucketId, name, owner, version, metadata, userMetadata: body.userMetadata }, upsert);
        const id = await objectId(tx, who, bucketId, name);
        await ctx.disk.commit(written.tempPath, bucketId, name, version);
        placed = true;
        return { id };
      },
      { operation: 'storage.object.upload' },
    );
    if (previous && previous !== version) await ctx.disk.remove(bucketId, name, previous).catch(() => {});
    return { id: row.id, key: `${bucketId}/${name}` };
  } catch (err) {
    if (placed) await ctx.disk.remove(bucketId, name, version).catch(() => {});
    else await ctx.disk.discard(written.tempPath);
    throw err instanceof StorageError ? err : ERRORS.internal((err as Error).message);
  }
}
