// Shared by the storage conformance tests: the fixture (buckets cf-private, cf-public, cf-limited and
// folder-per-user policies) and signed-in users, each with a folder of their own.
import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { anonClient, db, stack, uniqueEmail } from '../../support/stack.ts';

const fixtureSql = readFileSync(fileURLToPath(new URL('../fixtures/storage.sql', import.meta.url)), 'utf8');

/** Applies tests/conformance/fixtures/storage.sql (idempotent; `npm test` applies it too). */
export async function applyStorageFixtures(): Promise<void> {
  const c = await db();
  try {
    const { rows } = await c.query(
      `select 1 from pg_policies where schemaname = 'storage' and policyname = 'cf_dropbox_insert'`,
    );
    if (rows.length === 0) await c.query(`begin; ${fixtureSql}; commit;`);
  } finally {
    await c.end();
  }
}

/** The CLI's well-known local JWT secret (the stack's default), unless the run overrides it. */
const jwtSecret = process.env.JWT_SECRET || 'super-secret-jwt-token-with-at-least-32-characters-long';

/** An HS256 access token shaped like GoTrue's, for a user id (storage only reads the JWT). */
export function userJwt(sub: string, email = uniqueEmail('storage'), expiresIn = 3600): string {
  const b64 = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const head = b64({ alg: 'HS256', typ: 'JWT' });
  const body = b64({
    sub,
    role: 'authenticated',
    aud: 'authenticated',
    email,
    iat: now,
    exp: now + expiresIn,
    session_id: randomUUID(),
  });
  return `${head}.${body}.${createHmac('sha256', jwtSecret).update(`${head}.${body}`).digest('base64url')}`;
}

/**
 * A signed-in user (a minted access token, so storage tests do not depend on the auth service) and
 * the folder the fixture policies let them write: `<user id>/`.
 */
export async function storageUser() {
  const id = randomUUID();
  const token = userJwt(id);
  const client = anonClient({ global: { headers: { Authorization: `Bearer ${token}` } } });
  return { client, user: { id }, folder: id, token };
}

/** A name unique to this run, so parallel files and reruns never collide. */
export function uniqueName(ext = 'txt'): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}.${ext}`;
}

export const storageUrl = (path: string) => `${stack.url}/storage/v1${path}`;
