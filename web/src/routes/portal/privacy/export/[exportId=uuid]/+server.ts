// The privacy page polls its export job here: status, progress, the current step, and once ready a
// short-lived signed download link. Another login's job is a 404 (public.data_export finds only the caller's).
import { error, json } from '@sveltejs/kit';
import { exportState } from '#lib/server/portal-export.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, params }) => {
  if (!locals.user) error(401, 'Sign in first.');
  const state = await exportState(locals.supabase, params.exportId);
  if (!state) error(404, 'Not found');
  return json(state, { headers: { 'cache-control': 'no-store' } });
};
