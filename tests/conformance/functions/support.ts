// Shared by the functions and net conformance tests: the fixture SQL, and raw calls for what
// supabase-js cannot express (no Authorization header at all).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { db, stack } from '../../support/stack.ts';

const fixtureSql = readFileSync(fileURLToPath(new URL('../fixtures/functions.sql', import.meta.url)), 'utf8');

/**
 * Applies tests/conformance/fixtures/functions.sql (idempotent). Test files run in parallel, so the
 * DDL runs under an advisory lock in one transaction.
 */
export async function applyFunctionFixtures(): Promise<void> {
  const c = await db();
  try {
    await c.query(`begin; select pg_advisory_xact_lock(hashtext('fixtures/functions.sql')); ${fixtureSql}; commit;`);
  } finally {
    await c.end();
  }
}

export function functionUrl(name: string, rest = ''): string {
  return `${stack.url}/functions/v1/${name}${rest}`;
}
