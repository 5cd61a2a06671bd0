// "Download my data" (issue 11, privacy): the parent's data across every business they are a client of, as
// one ZIP — `my-data.json` (every row about them and their pets) plus their files — built on this server
// after the request that started it returns. It runs as the parent (their access token), so RLS and the
// storage policies decide what goes in, exactly what the portal shows them. Progress goes to the job row
// (public.update_data_export) that the privacy page polls; the ZIP lands in the private `data-exports`
// bucket under <user_id>/<export_id>.zip and is handed out as a short-lived signed URL.
import { createClient } from '@supabase/supabase-js';
import { zipSync, strToU8, type Zippable } from 'fflate';
import { PUBLIC_SUPABASE_ANON_KEY, PUBLIC_SUPABASE_URL } from '$app/env/public';
import type { Database } from '#lib/database.types.ts';
import type { Supabase } from './supabase.ts';

/** How long the download link works: enough to click it, too short to be worth forwarding. */
export const DOWNLOAD_LINK_SECONDS = 300;
export const EXPORT_BUCKET = 'data-exports';

/** A client acting as the parent for work that outlives the request (no cookies to refresh). */
export function clientForToken(accessToken: string): Supabase {
  if (!PUBLIC_SUPABASE_URL || !PUBLIC_SUPABASE_ANON_KEY)
    throw new Error('PUBLIC_SUPABASE_URL and _ANON_KEY must be set');
  return createClient<Database, 'public'>(PUBLIC_SUPABASE_URL, PUBLIC_SUPABASE_ANON_KEY, {
    global: { headers: { Authorization: `Bearer ${accessToken}` } },
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
  });
}

type Progress = (progress: number, step: string) => Promise<void>;

async function rows(
  supabase: Supabase,
  table: string,
  build: (q: ReturnType<Supabase['from']>) => PromiseLike<{ data: unknown; error: { message: string } | null }>,
): Promise<unknown[]> {
  const { data, error } = await build(supabase.from(table as 'pets'));
  if (error) throw new Error(`could not read ${table}: ${error.message}`);
  return Array.isArray(data) ? data : [];
}

/** Everything about the login's client rows and pets that RLS lets them read, by table. */
export async function gatherMyData(
  supabase: Supabase,
  userId: string,
  progress: Progress,
): Promise<{ data: Record<string, unknown>; files: Array<{ bucket: string; path: string }> }> {
  await progress(5, 'Your details');
  const clients = (await rows(supabase, 'clients', (q) =>
    q.select('*, business:businesses(name, slug, timezone)').eq('user_id', userId),
  )) as Array<{ id: string }>;
  const clientIds = clients.map((c) => c.id);
  const none = ['00000000-0000-0000-0000-000000000000'];
  const ids = clientIds.length ? clientIds : none;

  await progress(15, 'Your pets');
  const pets = (await rows(supabase, 'pets', (q) => q.select('*').in('client_id', ids))) as Array<{
    id: string;
    photo_path: string | null;
  }>;
  const petIds = pets.length ? pets.map((p) => p.id) : none;

  await progress(25, 'Bookings and health');
  const [bookings, vaccinations, medicalRecords, reportCards, incidents, proposals, transport] = await Promise.all([
    rows(supabase, 'bookings', (q) => q.select('*, service:services(name, kind)').in('client_id', ids)),
    rows(supabase, 'vaccinations', (q) => q.select('*, vaccine_type:vaccine_types(name)').in('pet_id', petIds)),
    rows(supabase, 'medical_records', (q) => q.select('*').in('pet_id', petIds)),
    rows(supabase, 'report_cards', (q) => q.select('*').in('pet_id', petIds)),
    rows(supabase, 'incidents', (q) => q.select('*').in('pet_id', petIds)),
    rows(supabase, 'care_change_proposals', (q) => q.select('*').in('pet_id', petIds)),
    rows(supabase, 'transport_requests', (q) => q.select('*').in('pet_id', petIds)),
  ]);

  await progress(35, 'Messages and preferences');
  const [notifications, preferences] = await Promise.all([
    // the columns a recipient may read (the table grants select by column)
    rows(supabase, 'notifications', (q) =>
      q
        .select('id, business_id, channel, template, payload, status, sent_at, read_at, created_at')
        .in('recipient_client_id', ids),
    ),
    rows(supabase, 'notification_preferences', (q) => q.select('*').eq('user_id', userId)),
  ]);

  const files: Array<{ bucket: string; path: string }> = [];
  for (const p of pets) if (p.photo_path) files.push({ bucket: 'pet-photos', path: p.photo_path });
  for (const v of vaccinations as Array<{ document_path: string | null }>)
    if (v.document_path) files.push({ bucket: 'documents', path: v.document_path });
  for (const r of medicalRecords as Array<{ documents: string[] }>)
    for (const d of r.documents) files.push({ bucket: 'documents', path: d });
  for (const c of reportCards as Array<{ photos: string[] }>)
    for (const ph of c.photos) files.push({ bucket: 'report-photos', path: ph });

  return {
    data: {
      generated_at: new Date().toISOString(),
      about:
        'Everything PawCentral holds about you and your pets at every business you are a client of, as you can see it in your portal. Files are in the files/ folder.',
      clients,
      pets,
      bookings,
      vaccinations,
      medical_records: medicalRecords,
      report_cards: reportCards,
      incidents,
      care_change_proposals: proposals,
      transport_requests: transport,
      notifications,
      notification_preferences: preferences,
    },
    files,
  };
}

/** Builds the ZIP, stores it and marks the job ready; any failure marks it failed (never half-ready). */
/** How often a living job repeats its last report: the database gives up a job silent for 2 minutes. */
export const HEARTBEAT_MS = 20_000;

export async function runExport(accessToken: string, userId: string, exportId: string): Promise<void> {
  const supabase = clientForToken(accessToken);
  // the last report, repeated as the job's heartbeat while this process lives (a restart stops it, and the
  // privacy page then shows the job as interrupted within 2 minutes instead of "working…" for 15)
  let last = { progress: 0, step: 'Starting' };
  const heartbeat = setInterval(() => {
    void supabase
      .rpc('update_data_export', {
        p_export_id: exportId,
        p_status: 'running',
        p_progress: last.progress,
        p_step: last.step,
      })
      .then(({ error }) => error && console.error('data export heartbeat failed', exportId, error.message));
  }, HEARTBEAT_MS);
  heartbeat.unref?.();
  const report = async (status: 'running' | 'ready' | 'failed', progress: number, step: string, extra = {}) => {
    if (status === 'running') last = { progress, step };
    else clearInterval(heartbeat);
    const { error } = await supabase.rpc('update_data_export', {
      p_export_id: exportId,
      p_status: status,
      p_progress: progress,
      p_step: step,
      ...extra,
    });
    if (error) throw new Error(`could not report export progress: ${error.message}`);
  };
  try {
    const { data, files } = await gatherMyData(supabase, userId, (p, step) => report('running', p, step));
    const zip: Zippable = { 'my-data.json': strToU8(JSON.stringify(data, null, 2)) };
    const missing: string[] = [];
    for (const [i, f] of files.entries()) {
      if (i % 5 === 0)
        await report('running', 40 + Math.floor((45 * i) / files.length), `Files (${i} of ${files.length})`);
      const { data: blob, error } = await supabase.storage.from(f.bucket).download(f.path);
      if (error || !blob) {
        missing.push(`${f.bucket}/${f.path}`);
        continue;
      }
      // images and PDFs are already compressed: store them as they are
      zip[`files/${f.bucket}/${f.path}`] = [new Uint8Array(await blob.arrayBuffer()), { level: 0 }];
    }
    if (missing.length) zip['files/missing.txt'] = strToU8(`Files that could not be read:\n${missing.join('\n')}\n`);
    await report('running', 88, 'Packing the ZIP');
    const bytes = zipSync(zip, { level: 6 });
    await report('running', 92, 'Storing the download');
    const path = `${userId}/${exportId}.zip`;
    const { error: upload } = await supabase.storage
      .from(EXPORT_BUCKET)
      .upload(path, bytes, { contentType: 'application/zip', upsert: true });
    if (upload) throw new Error(`could not store the export: ${upload.message}`);
    await report('ready', 100, 'Ready', { p_object_path: path, p_byte_size: bytes.byteLength });
  } catch (e) {
    console.error('data export failed', exportId, e);
    await report('failed', 100, 'Failed', { p_error: 'The download could not be made. Try again.' }).catch(() => {});
  } finally {
    clearInterval(heartbeat);
  }
}

export interface ExportState {
  id: string;
  status: 'queued' | 'running' | 'ready' | 'failed';
  progress: number;
  step: string | null;
  byteSize: number | null;
  error: string | null;
  url: string | null;
}

/** The job as the privacy page shows it; a ready job comes with a fresh short-lived signed link. */
export async function exportState(supabase: Supabase, exportId: string): Promise<ExportState | null> {
  const { data, error } = await supabase.rpc('data_export', { p_export_id: exportId });
  if (error) {
    if (error.code === 'PT404') return null;
    throw new Error(`could not read the export: ${error.message}`);
  }
  const row = Array.isArray(data) ? data[0] : null;
  if (!row) return null;
  let url: string | null = null;
  if (row.status === 'ready' && row.object_path) {
    const signed = await supabase.storage
      .from(EXPORT_BUCKET)
      .createSignedUrl(row.object_path, DOWNLOAD_LINK_SECONDS, { download: 'pawcentral-my-data.zip' });
    if (signed.error) throw new Error(`could not sign the download: ${signed.error.message}`);
    url = signed.data.signedUrl;
  }
  return {
    id: row.id,
    status: row.status as ExportState['status'],
    progress: row.progress,
    step: row.step,
    byteSize: row.byte_size,
    error: row.error,
    url,
  };
}

/** Removes the login's stored exports (before the account goes: their folder would outlive it). */
export async function removeMyExports(supabase: Supabase, userId: string): Promise<void> {
  const { data } = await supabase.storage.from(EXPORT_BUCKET).list(userId, { limit: 1000 });
  const paths = (data ?? []).map((o) => `${userId}/${o.name}`);
  if (paths.length) await supabase.storage.from(EXPORT_BUCKET).remove(paths);
}
