// The parent portal's guard and landing rules. A login is a pet parent in a business when a client row
// there carries its user id (clients.user_id); one login may be a client of several businesses, and the
// portal shows one at a time (the switcher remembers the choice in a cookie).
import { error, redirect, type Cookies } from '@sveltejs/kit';
import { portalAfterClaim } from '#lib/portal/connected.ts';
import { DEFAULT_AFTER_SIGN_IN, loginUrl } from '#lib/redirects.ts';
import { hasAnyMembership, listMyClientLinks, type PortalLink } from './db/portal.ts';
import { claimMyClients } from './portal-claim.ts';
import type { Supabase } from './supabase.ts';

export const PORTAL_HOME = '/portal';
const CHOICE_COOKIE = 'portal_business';

/**
 * Where a user goes after signing in when no page asked for them: staff and drivers to their account
 * page (their businesses are listed there), someone who is only a pet parent to the portal.
 */
export async function homeAfterSignIn(supabase: Supabase, userId: string): Promise<string> {
  // both lookups at once: the claim below adds a round trip for a login with neither
  const [member, links] = await Promise.all([hasAnyMembership(supabase, userId), listMyClientLinks(supabase, userId)]);
  if (member) return DEFAULT_AFTER_SIGN_IN;
  if (links.length) return PORTAL_HOME;
  return (await claimedPortal(supabase)) ?? DEFAULT_AFTER_SIGN_IN;
}

/**
 * Claim by confirmed e-mail for a login that is neither staff nor driver anywhere: when its confirmed address
 * linked client records just now, the portal's home announcing them; else null (go where you were going).
 * Staff and drivers are never diverted to the portal (their records may still be linked elsewhere, on the
 * portal's own guard).
 */
export async function portalIfClaimed(supabase: Supabase, userId: string): Promise<string | null> {
  if (await hasAnyMembership(supabase, userId)) return null;
  return claimedPortal(supabase);
}

/** The claim itself, for a caller that already knows the login has no seat. */
async function claimedPortal(supabase: Supabase): Promise<string | null> {
  const claim = await claimMyClients(supabase);
  return claim.ok && claim.linked.length ? portalAfterClaim(claim.linked.map((b) => b.slug)) : null;
}

export interface PortalSeat {
  links: PortalLink[];
  current: PortalLink;
}

type Event = {
  locals: App.Locals;
  url: URL;
  cookies: Cookies;
};

/**
 * The parent's client rows and the one being shown: `?business=<slug>` switches (and is remembered),
 * else the remembered choice, else the first. Not a parent anywhere: a clear 403, never a crash.
 */
export async function requirePortal({ locals, url, cookies }: Event): Promise<PortalSeat> {
  if (!locals.user) redirect(303, loginUrl(url.pathname + url.search));
  let links = await listMyClientLinks(locals.supabase, locals.user.id);
  // a confirmed address the business holds links the login on its first visit (claim by confirmed e-mail)
  if (!links.length) {
    const claim = await claimMyClients(locals.supabase);
    if (claim.ok && claim.linked.length) links = await listMyClientLinks(locals.supabase, locals.user.id);
  }
  if (!links.length) {
    error(
      403,
      'The portal is for pet parents, and this login is not linked to a client of any business. Staff find their businesses on the account page.',
    );
  }
  const asked = url.searchParams.get('business');
  const remembered = cookies.get(CHOICE_COOKIE);
  const pick = (slug: string | null | undefined) => (slug ? links.find((l) => l.business.slug === slug) : undefined);
  const current = pick(asked) ?? pick(remembered) ?? links[0];
  if (asked && pick(asked) && asked !== remembered) {
    cookies.set(CHOICE_COOKIE, asked, { path: '/portal', httpOnly: true, sameSite: 'lax', maxAge: 60 * 60 * 24 * 365 });
  }
  return { links, current };
}
