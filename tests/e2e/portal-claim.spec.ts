// Claim by confirmed e-mail (issue 11, "Getting in"): the desk registers a client with an e-mail address;
// a new person signs up with that address in another browser, is linked only once they confirm it through
// the e-mail, and lands on the portal seeing their pet, told in words which business connected them. The
// client row and the pet are unique to each run.
import { mkdirSync } from 'node:fs';
import { expect, test, type Browser } from '@playwright/test';
import { uniqueEmail } from '../support/stack.ts';
import { PASSWORD, verifyLinkFromMail } from './support.ts';
import { deviceContext, demo, holdDemoPets, signInTo, withDb } from './support/staff.ts';

test.describe.configure({ timeout: 180_000 });

const shots = process.env.SHOTS_DIR ?? 'test-results/screenshots';
mkdirSync(shots, { recursive: true });

test('a parent who signs up with the address the desk holds is linked after confirming it, and sees their pet', async ({
  browser,
}) => {
  const email = uniqueEmail('claim');
  const suffix = Math.random().toString(36).slice(2, 7);
  const name = `Casey Claim ${suffix}`;
  const pet = `Pip ${suffix}`;

  // 1. The desk registers the client, typing the address in another case than the parent will.
  const desk = await (await deviceContext(browser)).newPage();
  await signInTo(desk, 'staff@happypaws.test', `/b/${demo.happyPaws.slug}/clients/new`);
  await desk.getByLabel('Full name').fill(name);
  await desk.getByLabel('Phone').fill('+44 20 7946 0199');
  await desk.getByLabel('E-mail').fill(
    email
      .replace(/^claim/, 'Claim')
      .toUpperCase()
      .replace('@EXAMPLE.TEST', '@Example.Test'),
  );
  await desk.getByTestId('pet-row').nth(0).getByLabel('Name').fill(pet);
  await desk.getByRole('button', { name: 'Save client' }).click();
  await expect(desk.getByRole('heading', { level: 1 })).toHaveText(name);
  const clientId = await withDb(
    async (db) => (await db.query('select id from public.clients where full_name = $1', [name])).rows[0].id as string,
  );

  // 2. The parent signs up in their own browser (a phone) with the address, in lower case.
  const home = await (await deviceContext(browser)).newPage();
  await home.setViewportSize({ width: 412, height: 915 });
  await home.goto('/signup');
  await home.getByLabel('E-mail address').fill(email);
  await home.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await home.getByRole('button', { name: 'Create account' }).click();
  await expect(home.getByRole('status')).toContainText('Check your inbox');

  // Not linked before the address is confirmed.
  const linkedTo = () =>
    withDb(
      async (db) =>
        (await db.query('select user_id from public.clients where id = $1', [clientId])).rows[0].user_id as
          string | null,
    );
  expect(await linkedTo()).toBeNull();

  // 3. The confirmation link signs them in, links the client record and lands on the portal.
  await home.goto(await verifyLinkFromMail(email));
  await expect(home).toHaveURL(/\/portal\?connected=happy-paws$/, { timeout: 30_000 });
  await expect(home.getByTestId('portal-connected')).toContainText('You’re now connected to Happy Paws Daycare');
  await expect(home.getByTestId('portal-pet').and(home.locator(`[data-pet="${pet}"]`))).toBeVisible();
  await expect(home.getByTestId('portal-business')).toHaveText('Happy Paws Daycare');
  await home.screenshot({ path: `${shots}/claim-connected-412.png`, fullPage: true });

  const user = await withDb(
    async (db) => (await db.query('select id from auth.users where email = $1', [email])).rows[0].id as string,
  );
  expect(await linkedTo()).toBe(user);
  // audited: the login linked this record, and why
  const audit = await withDb(
    async (db) =>
      (
        await db.query(
          `select actor, reason from public.audit_log where table_name = 'clients' and row_id = $1 and action = 'UPDATE'
           and new ->> 'user_id' = $2`,
          [clientId, user],
        )
      ).rows,
  );
  expect(audit).toHaveLength(1);
  expect(audit[0].actor).toBe(user);
  expect(audit[0].reason).toMatch(/^Claimed by confirmed e-mail/);

  // 4. Signing in again later (another device) goes straight to the portal, with nothing more to announce.
  const later = await (await deviceContext(browser)).newPage();
  await later.goto('/login');
  await later.getByLabel('E-mail address').fill(email);
  await later.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await later.getByRole('button', { name: 'Sign in' }).click();
  await expect(later).toHaveURL(/\/portal$/, { timeout: 30_000 });
  await expect(later.getByTestId('portal-pet').and(later.locator(`[data-pet="${pet}"]`))).toBeVisible();
  await expect(later.getByTestId('portal-connected')).toHaveCount(0);
});

test('a crafted ?connected= names only businesses the parent belongs to', async ({ browser }) => {
  // the demo parent: wait while the portal journey has them unlinked
  const demoPets = await holdDemoPets();
  try {
    await craftedConnected(browser);
  } finally {
    await demoPets.release();
  }
});

async function craftedConnected(browser: Browser): Promise<void> {
  const page = await (await deviceContext(browser)).newPage();
  await signInTo(page, 'parent@happypaws.test', '/portal?connected=bark-avenue,happy-paws');
  await expect(page.getByTestId('portal-connected')).toHaveText(
    'You’re now connected to Happy Paws Daycare: your e-mail address matched the one they hold for you.',
  );
  await page.goto('/portal?connected=bark-avenue');
  await expect(page.getByTestId('portal-pet').first()).toBeVisible();
  await expect(page.getByTestId('portal-connected')).toHaveCount(0);
}
