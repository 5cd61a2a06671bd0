// Which redirect_to values auth may send users to: the site URL's origin (scheme, host and port), or a
// match of one of the additional redirect URL patterns (globs where `*` stays within a path segment or
// host label and `**` crosses them). Anything else falls back to the site URL, as GoTrue does.
import type { AuthConfig } from '../config.ts';

export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      re += '.*';
      i++;
    } else if (c === '*') re += '[^./]*';
    else if (c === '?') re += '[^./]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Scheme, host and port, with loopback names as one host (local development mixes them). */
function originOf(url: URL): string {
  const host = LOOPBACK.has(url.hostname) ? 'loopback' : url.hostname;
  return `${url.protocol}//${host}:${url.port}`;
}

export function isAllowedRedirect(
  auth: Pick<AuthConfig, 'siteUrl' | 'additionalRedirectUrls'>,
  target: string,
): boolean {
  let url: URL;
  let site: URL;
  try {
    url = new URL(target);
    site = new URL(auth.siteUrl);
  } catch {
    return false;
  }
  // Credentials in a URL only serve to disguise where it leads.
  if (url.username || url.password) return false;
  // Any path on the site URL's own origin: GoTrue compares the host alone, which let
  // javascript://localhost/… or another port on the same host through.
  if (originOf(url) === originOf(site)) return true;
  return auth.additionalRedirectUrls.some((g) => globToRegExp(g).test(target));
}

/** The redirect target to use: the requested one when allowed, else the site URL. */
export function redirectTarget(
  auth: Pick<AuthConfig, 'siteUrl' | 'additionalRedirectUrls'>,
  requested: unknown,
): string {
  return typeof requested === 'string' && requested && isAllowedRedirect(auth, requested) ? requested : auth.siteUrl;
}
