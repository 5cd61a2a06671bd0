// Row ids are uuids. Postgres refuses a malformed one with 22P02, which would surface as a 500, so ids
// from the URL or a form are checked here first and a bad one is treated like an id that does not exist.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True when `value` is spelled as Postgres reads a uuid (any version, either case). */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
