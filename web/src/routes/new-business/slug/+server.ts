import { json } from '@sveltejs/kit';
import { validSlug } from '#lib/onboarding/choices.ts';
import { slugAvailable } from '#lib/server/db/settings.ts';
import type { RequestHandler } from './$types';

// The live availability check of "Create your business" (signed-in users only: hooks guard /new-business).
export const GET: RequestHandler = async ({ url, locals }) => {
  const slug = (url.searchParams.get('value') ?? '').trim().toLowerCase();
  if (!validSlug(slug)) return json({ slug, valid: false, available: false });
  return json({ slug, valid: true, available: await slugAvailable(locals.supabase, slug) });
};
