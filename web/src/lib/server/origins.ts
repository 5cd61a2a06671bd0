// Locally the same server answers as both 127.0.0.1 and localhost. Kit's CSRF check compares a form's
// Origin with the origin the app was built for, so the other loopback spelling of the same port is
// trusted too: the app signs in whichever of the two the address bar shows.

/** The other loopback spelling of `origin` (same scheme and port), or nothing for a real host. */
export function loopbackAliases(origin: string): string[] {
  const url = new URL(origin);
  const other = { '127.0.0.1': 'localhost', localhost: '127.0.0.1', '[::1]': '127.0.0.1' }[url.hostname];
  if (!other) return [];
  url.hostname = other;
  return [url.origin];
}
