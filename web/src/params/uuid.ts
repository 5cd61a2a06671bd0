// `[petId=uuid]`: a route whose id segment is not a uuid does not match, so the visitor gets the
// ordinary 404 instead of a database error.
import { isUuid } from '#lib/ids.ts';

export function uuid(param: string): string | undefined {
  return isUuid(param) ? param : undefined;
}
