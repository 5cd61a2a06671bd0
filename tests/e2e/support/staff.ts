// Helpers for the staff-app browser tests: demo logins, a browser context as a given device, and a
// reset of the demo pets the tests check in (they share the seeded database with other suites).
import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { createClient } from '@supabase/supabase-js';
import pg from 'pg';
import { stack } from '../../support/stack.ts';
import { fakeCameraScript } from './fake-camera.ts';
import { fakeNfcScript } from './fake-nfc.ts';

export const DEMO_PASSWORD = 'pawcentral-demo';

export const demo = {
  happyPaws: { id: '11111111-1111-4111-8111-111111111111', slug: 'happy-paws' },
  rex: {
    petId: 'd1000000-0000-4000-8000-000000000001',
    bookingId: '0d100000-0000-4000-8000-000000000001',
    uid: '04:a1:b2:c3:d4:e5:01',
  },
  luna: {
    petId: 'd1000000-0000-4000-8000-000000000002',
    bookingId: '0d100000-0000-4000-8000-000000000002',
    uid: '04:a1:b2:c3:d4:e5:02',
  },
  ownerId: 'a0000000-0000-4000-8000-000000000001',
};

function clientAddress(): string {
  const octet = () => Math.floor(Math.random() * 254) + 1;
  return `10.${octet()}.${octet()}.${octet()}`;
}

/** A fresh browser context with the fake NFC reader and camera, browsing from its own client address. */
export async function deviceContext(
  browser: Browser,
  // bypassCSP: only for tests that inject a testing tool (axe) into the page; the app's CSP is tested as is.
  options: { javaScriptEnabled?: boolean; bypassCSP?: boolean } = {},
): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  await context.setExtraHTTPHeaders({ 'x-forwarded-for': clientAddress() });
  await context.addInitScript(fakeNfcScript);
  await context.addInitScript(fakeCameraScript);
  return context;
}

/** Signs in with a demo login through the sign-in page and lands on `path`. */
export async function signInTo(page: Page, email: string, path: string): Promise<void> {
  await page.goto(`/login?next=${encodeURIComponent(path)}`);
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // a sign-in hashes the password (bcrypt) and renders the landing page: seconds on a loaded machine
  await expect(page).toHaveURL(new RegExp(`${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`), { timeout: 30_000 });
}

/** Opens the scanner and waits until its script runs (before that, only plain form posts work). */
/**
 * A slow phone: the app's scripts are held back until the returned function is called, so a test can act on
 * the server-rendered page before hydration (routing also turns the HTTP cache off).
 */
export async function holdAppScripts(page: Page): Promise<() => void> {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/_app\/immutable\/.*\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

export async function openScanner(page: Page, email: string): Promise<void> {
  await signInTo(page, email, `/b/${demo.happyPaws.slug}/scan`);
  await expect(page.locator('[data-ready="true"]')).toBeVisible();
}

export async function withDb<T>(work: (db: pg.Client) => Promise<T>): Promise<T> {
  const db = new pg.Client({ connectionString: stack.dbUrl });
  await db.connect();
  try {
    return await work(db);
  } finally {
    await db.end();
  }
}

/**
 * Puts Rex and Luna back as seeded: booked for today, not checked in, no scans. The booking life cycle
 * forbids checked_in → confirmed, so this bypasses triggers for the one transaction (a superuser-only
 * test fixture; the app can never do it).
 */
/**
 * Spec files that change Rex's and Luna's bookings hold this lock from their first test to their last, so two
 * of them never run at once on the two Playwright workers (each resets the pets, which would undo the other's
 * check-ins half-way). A Postgres advisory lock on a connection of its own: released by `release()` or when the
 * worker dies. Call it in `beforeAll` with a generous hook timeout, as it waits for the other file to finish.
 */
export async function holdDemoPets(): Promise<{ release: () => Promise<void> }> {
  const db = new pg.Client({ connectionString: stack.dbUrl });
  await db.connect();
  await db.query("select pg_advisory_lock(hashtextextended('e2e:demo-pets', 0))");
  return {
    release: async () => {
      await db.query("select pg_advisory_unlock(hashtextextended('e2e:demo-pets', 0))").catch(() => undefined);
      await db.end();
    },
  };
}

export async function resetDemoPets(): Promise<void> {
  await withDb(async (db) => {
    await db.query('begin');
    await db.query('set local session_replication_role = replica');
    await db.query(`update public.bookings set status = 'confirmed' where id = any($1)`, [
      [demo.rex.bookingId, demo.luna.bookingId],
    ]);
    await db.query('delete from public.tag_scans where pet_id = any($1)', [[demo.rex.petId, demo.luna.petId]]);
    // triggers were off: the dashboard's aggregates are recomputed for the demo business
    await db.query("select private.dashboard_rebuild('11111111-1111-4111-8111-111111111111')");
    await db.query('commit');
  });
}

export async function scansOf(petId: string): Promise<Array<{ action: string; client_scan_id: string }>> {
  return withDb(
    async (db) =>
      (await db.query('select action, client_scan_id from public.tag_scans where pet_id = $1', [petId])).rows,
  );
}

export async function bookingStatus(bookingId: string): Promise<string> {
  return withDb(
    async (db) => (await db.query('select status from public.bookings where id = $1', [bookingId])).rows[0]?.status,
  );
}

/** supabase-js signed in with a demo login, for acting outside the browser under test. */
export async function staffClient(email: string) {
  const client = createClient(stack.url, stack.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
  });
  const { error } = await client.auth.signInWithPassword({ email, password: DEMO_PASSWORD });
  if (error) throw error;
  return { client };
}
