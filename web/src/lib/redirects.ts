// Where to send a user after signing in. `next` comes from the query string, so it is attacker-controlled:
// only same-site absolute paths are accepted, never another origin, a protocol-relative URL
// (`//evil.test`), a backslash trick (`/\evil.test`, which browsers read as `//`) or control characters.
// The check is made again after normalisation: dot segments can turn a harmless-looking path into a
// protocol-relative one (`/..//evil.test` normalises to `//evil.test`).

export const DEFAULT_AFTER_SIGN_IN = '/account';

/** Returns `next` if it is a safe same-site path (with its query and hash), else `fallback`. */
export function safeNextPath(next: string | null | undefined, fallback = DEFAULT_AFTER_SIGN_IN): string {
  if (!next || next.length > 2048) return fallback;
  if (!next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  // Control characters (and backslashes) have no place in a path; a browser would strip or reinterpret them.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(next)) return fallback;
  // Resolve against a throwaway origin: if the result leaves it, `next` was not a plain path.
  const base = 'http://same-site.invalid';
  let url: URL;
  try {
    url = new URL(next, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base || url.pathname.startsWith('//')) return fallback;
  return url.pathname + url.search + url.hash;
}

/** The sign-in URL that brings the user back to `path` (a pathname plus search) afterwards. */
export function loginUrl(path: string): string {
  const next = safeNextPath(path, '');
  return next && next !== '/' ? `/login?next=${encodeURIComponent(next)}` : '/login';
}
