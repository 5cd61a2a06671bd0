// Files posted with the health forms: validated against the accepted types and the bucket's own size
// limit, then stored under the pet's folder. Shared by the health routes only.
import { SNIFF_BYTES, contentProblem } from '#lib/forms-files.ts';
import { isEmptyUpload, objectPath, uploadProblem } from '#lib/health/files.ts';
import { bucketSizeLimit, removeFiles, uploadFile, type HealthBucket } from '#lib/server/db/health-files.ts';
import type { Supabase } from '#lib/server/supabase.ts';

/** The non-empty files of a multi-file or single-file input. */
export function filesOf(form: FormData, name: string): File[] {
  return form.getAll(name).filter((v): v is File => typeof v !== 'string' && !isEmptyUpload(v));
}

/** The first reason to refuse one of the files, or null. */
export async function filesProblem(
  supabase: Supabase,
  bucket: HealthBucket,
  files: File[],
  types: Record<string, string>,
): Promise<string | null> {
  if (!files.length) return null;
  const limit = await bucketSizeLimit(supabase, bucket);
  for (const file of files) {
    const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
    const problem = uploadProblem(file, types, limit) ?? contentProblem(head, file.type, Object.keys(types));
    if (problem) return files.length > 1 ? `${file.name}: ${problem}` : problem;
  }
  return null;
}

export type Stored = { ok: true; paths: string[] } | { ok: false; message: string };

/**
 * Stores each file as <business>/<pet>/<folder>/<uuid>.<ext>. All or nothing: when one upload fails the
 * ones before it are removed, and the form gets a message instead of an error page.
 */
export async function storeOrFail(
  supabase: Supabase,
  bucket: HealthBucket,
  where: { businessId: string; petId: string; folder: string },
  files: File[],
  types: Record<string, string>,
): Promise<Stored> {
  const paths: string[] = [];
  try {
    for (const file of files) {
      const path = objectPath(where.businessId, where.petId, where.folder, crypto.randomUUID(), file.type, types);
      await uploadFile(supabase, bucket, path, file);
      paths.push(path);
    }
    return { ok: true, paths };
  } catch (cause) {
    console.error(cause);
    await removeFiles(supabase, bucket, paths);
    return { ok: false, message: 'The file could not be stored. Try again.' };
  }
}
