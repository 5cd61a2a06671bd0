// The custom access-token hook: `pg-functions://postgres/<schema>/<function>` is called with
// `{user_id, claims, authentication_method}` inside the issuing transaction, and its answer replaces
// the claims after the same schema check GoTrue makes.
import type { Db } from './db.ts';
import { AuthError } from './errors.ts';

const REQUIRED_CLAIMS = ['aud', 'exp', 'iat', 'sub', 'email', 'phone', 'role', 'aal', 'session_id', 'is_anonymous'];

export interface HookTarget {
  schema: string;
  fn: string;
}

export function parseHookUri(uri: string): HookTarget {
  const m = /^pg-functions:\/\/[^/]+\/([A-Za-z_][A-Za-z0-9_$]*)\/([A-Za-z_][A-Za-z0-9_$]*)$/.exec(uri);
  if (!m) throw new Error(`auth hook: unsupported uri ${uri} (expected pg-functions://postgres/<schema>/<function>)`);
  return { schema: m[1], fn: m[2] };
}

const quoteIdent = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** Checks a hook's answer; returns the new claims or throws the error the hook asked for. */
export function checkHookOutput(out: unknown): Record<string, unknown> {
  if (out === null || typeof out !== 'object' || Array.isArray(out)) {
    throw new AuthError(500, 'unexpected_failure', 'Error running hook URI: output is not a JSON object');
  }
  const o = out as Record<string, any>;
  if (o.error && typeof o.error === 'object' && typeof o.error.message === 'string' && o.error.message) {
    const status = Number.isInteger(o.error.http_code) && o.error.http_code >= 400 ? o.error.http_code : 500;
    throw new AuthError(status, status >= 500 ? 'unexpected_failure' : 'unknown', o.error.message);
  }
  const claims = o.claims;
  if (!claims || typeof claims !== 'object' || Array.isArray(claims)) {
    throw new AuthError(
      500,
      'unexpected_failure',
      'output claims do not conform to the expected schema: claims is required',
    );
  }
  const missing = REQUIRED_CLAIMS.filter((k) => !(k in claims));
  if (missing.length) {
    throw new AuthError(
      500,
      'unexpected_failure',
      `output claims do not conform to the expected schema: missing ${missing.join(', ')}`,
    );
  }
  return claims;
}

export async function runAccessTokenHook(
  db: Db,
  target: HookTarget,
  input: { user_id: string; claims: Record<string, unknown>; authentication_method: string },
): Promise<Record<string, unknown>> {
  // A savepoint keeps a failing hook from poisoning the surrounding transaction's error report.
  await db.query('savepoint auth_hook');
  let out: unknown;
  try {
    await db.query(`set local statement_timeout = '2s'`);
    const { rows } = await db.query(`select ${quoteIdent(target.schema)}.${quoteIdent(target.fn)}($1::jsonb) as out`, [
      JSON.stringify(input),
    ]);
    out = rows[0]?.out;
    await db.query('release savepoint auth_hook');
  } catch (e: any) {
    await db.query('rollback to savepoint auth_hook');
    throw new AuthError(500, 'unexpected_failure', `Error running hook URI: ${e?.message ?? e}`);
  }
  return checkHookOutput(out);
}
