// Claim by confirmed e-mail (rpc claim_my_clients): links the signed-in login to the unlinked client records
// holding its confirmed address. Called where a login may have just become a parent: on the e-mail
// confirmation landing (/auth/confirm), after a sign-in without a client row, on the home page before sending
// a login without any seat to "create a business", and by the portal's guard. Never breaks those pages: a
// failure is logged and treated as "nothing linked".
import type { Refusal } from '#lib/refusals.ts';
import type { Supabase } from './supabase.ts';

export interface ClaimedBusiness {
  slug: string;
  name: string;
}

export type ClaimResult = { ok: true; linked: ClaimedBusiness[] } | { ok: false; refusal: Refusal };

function linkedFrom(data: unknown): ClaimedBusiness[] {
  const list = (data as { linked?: unknown } | null)?.linked;
  if (!Array.isArray(list)) return [];
  return list
    .filter((x): x is { slug: string; name: string } => typeof x?.slug === 'string' && typeof x?.name === 'string')
    .map((x) => ({ slug: x.slug, name: x.name }));
}

export async function claimMyClients(supabase: Supabase): Promise<ClaimResult> {
  try {
    const { data, error } = await supabase.rpc('claim_my_clients');
    if (!error) return { ok: true, linked: linkedFrom(data) };
    if (error.hint) return { ok: false, refusal: { code: error.code, hint: error.hint, details: error.details } };
    console.error('claim_my_clients failed:', error.code, error.message);
  } catch (e) {
    console.error('claim_my_clients failed:', e);
  }
  return { ok: true, linked: [] };
}
