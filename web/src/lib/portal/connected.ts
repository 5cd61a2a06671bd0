// "Claim by confirmed e-mail": what the portal says after a confirmed login was linked to client records
// (rpc claim_my_clients), and the landing address that carries it. Only the slugs travel in the URL; the
// names shown are those of the parent's own client links, so a crafted link cannot put words on the page.

export const CONNECTED_PARAM = 'connected';

/** The portal's home announcing the businesses just linked (slugs), or plain /portal when none. */
export function portalAfterClaim(slugs: readonly string[]): string {
  return slugs.length ? `/portal?${CONNECTED_PARAM}=${slugs.map(encodeURIComponent).join(',')}` : '/portal';
}

/** The businesses named by `?connected=` that really are the parent's, in the order of `links`. */
export function connectedNames(param: string | null, links: readonly { slug: string; name: string }[]): string[] {
  if (!param) return [];
  const asked = new Set(
    param
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
  return links.filter((l) => asked.has(l.slug)).map((l) => l.name);
}

/** "You're now connected to Happy Paws." / "… to Happy Paws and Bark Avenue." / "… to A, B and C." */
export function connectedSentence(names: readonly string[]): string | null {
  if (!names.length) return null;
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  return `You’re now connected to ${list}: your e-mail address matched the one they hold for you.`;
}
