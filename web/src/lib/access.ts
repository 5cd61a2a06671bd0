// Which paths need a signed-in user. Kept as data so the guard in hooks.server.ts stays one line and
// the rule is unit-tested. Route groups add finer checks (a business role, a client link) later.

const SIGNED_IN_PREFIXES = ['/account', '/b', '/portal', '/drive', '/new-business'];

/** True when `pathname` belongs to an area only signed-in users may open. */
export function requiresSignIn(pathname: string): boolean {
  return SIGNED_IN_PREFIXES.some((prefix) => pathname === prefix || pathname.startsWith(prefix + '/'));
}
