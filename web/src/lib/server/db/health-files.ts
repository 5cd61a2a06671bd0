// Files of the health pages in Storage: certificates and medical files in `documents`, incident photos in
// `incident-photos`. Uploads go through the request's client, so the storage policies decide (staff of
// the business only); downloads are short-lived signed URLs because every bucket is private.
import type { Supabase } from '../supabase.ts';
import { DataError } from './errors.ts';

export type HealthBucket = 'documents' | 'incident-photos';

/** How long a signed link on a page stays usable: long enough to read the page, short enough to leak little. */
const SIGNED_SECONDS = 600;

/** The bucket's size limit in bytes (null = none), as Storage enforces it. */
export async function bucketSizeLimit(supabase: Supabase, bucket: HealthBucket): Promise<number | null> {
  const { data, error } = await supabase.storage.getBucket(bucket);
  if (error) throw new DataError(`could not read the ${bucket} bucket: ${error.message}`);
  return data.file_size_limit ?? null;
}

export async function uploadFile(supabase: Supabase, bucket: HealthBucket, path: string, file: File): Promise<void> {
  const { error } = await supabase.storage.from(bucket).upload(path, file, { contentType: file.type, upsert: false });
  if (error) throw new DataError(`could not store ${path}: ${error.message}`);
}

/** Removes files written before a database insert that then failed, so no orphan is left behind. */
export async function removeFiles(supabase: Supabase, bucket: HealthBucket, paths: string[]): Promise<void> {
  if (paths.length) await supabase.storage.from(bucket).remove(paths);
}

/** Signed download URLs by object path; paths Storage refuses are left out. */
export async function signedUrls(
  supabase: Supabase,
  bucket: HealthBucket,
  paths: string[],
): Promise<Record<string, string>> {
  const unique = [...new Set(paths)];
  if (!unique.length) return {};
  const { data, error } = await supabase.storage.from(bucket).createSignedUrls(unique, SIGNED_SECONDS);
  if (error) throw new DataError(`could not sign file links: ${error.message}`);
  const urls: Record<string, string> = {};
  for (const item of data) if (item.path && item.signedUrl && !item.error) urls[item.path] = item.signedUrl;
  return urls;
}
