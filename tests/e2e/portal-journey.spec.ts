// The portal issue's journey (issue 11, "Tests and figures"), end to end in two browsers: the desk invites the
// demo parent, who accepts in a second context and sees Rex and Luna; a tap checks Rex in and the parent's
// home says so within a second without a reload; a report card photo reaches them; Luna's booking is refused
// for the expired Rabies, the parent uploads a certificate, the desk verifies it in the review queue and the
// booking goes through; the ICS feed carries it; the data export downloads and holds the pets. Then care
// changes (propose → accept) and shared health records, and account deletion with a throwaway parent.
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { addDays } from '../../web/src/lib/time/zone.ts';
import { businessDay } from '../../web/src/lib/scan/day.ts';
import { createUser } from './support.ts';
import {
  demo,
  deviceContext,
  holdDemoPets,
  openScanner,
  resetDemoPets,
  DEMO_PASSWORD,
  withDb,
} from './support/staff.ts';
import { inbox } from '../support/stack.ts';

test.describe.configure({ mode: 'serial', timeout: 180_000 });

const shots = 'test-results/screenshots';
mkdirSync(shots, { recursive: true });
const parentEmail = 'parent@happypaws.test';
const parentClient = 'c1000000-0000-4000-8000-000000000001'; // Jordan Parker at Happy Paws
const parentUser = 'a0000000-0000-4000-8000-000000000004';
const started = new Date().toISOString();
let demoPets: { release: () => Promise<void> } | undefined;
let rexCare: { feeding: string | null } | undefined;

async function signIn(page: Page, email: string, password: string, path: string): Promise<void> {
  await page.goto(`/login?next=${encodeURIComponent(path)}`);
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname === path, { timeout: 30_000 });
}

/** The invitation link of a new e-mail to `to` (one not among `seen`, the ids before the invitation). */
async function inviteLinkAfter(to: string, seen: Set<string>): Promise<string> {
  const end = Date.now() + 15_000;
  for (;;) {
    for (const mail of await inbox(to)) {
      const link = `${mail.Text}`.match(/https?:\/\/\S+\/invite\/[0-9a-f]{64}/)?.[0];
      if (link && !seen.has(mail.ID)) return link;
    }
    if (Date.now() > end) throw new Error(`no invitation e-mail to ${to}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function petStatus(page: Page, pet: string) {
  return page
    .getByTestId('portal-pet')
    .and(page.locator(`[data-pet="${pet}"]`))
    .getByTestId('pet-status');
}

/** Undoes what the journey leaves behind, so the other portal specs find the demo family as seeded. */
async function cleanUp(): Promise<void> {
  await withDb(async (db) => {
    await db.query('update public.clients set user_id = $1 where id = $2 and user_id is null', [
      parentUser,
      parentClient,
    ]);
    await db.query(`delete from public.bookings where pet_id = $1 and id <> $2 and created_at >= $3`, [
      demo.luna.petId,
      demo.luna.bookingId,
      started,
    ]);
    await db.query(`delete from public.vaccinations where pet_id = $1 and created_at >= $2`, [
      demo.luna.petId,
      started,
    ]);
    await db.query('delete from public.report_cards where pet_id = any($1)', [[demo.rex.petId, demo.luna.petId]]);
    await db.query('delete from public.care_change_proposals where pet_id = $1', [demo.rex.petId]);
    if (rexCare) await db.query('update public.pets set feeding = $1 where id = $2', [rexCare.feeding, demo.rex.petId]);
    await db.query('update public.medical_records set shared_with_parent = false where pet_id = $1', [demo.rex.petId]);
  });
  await resetDemoPets();
}

test.beforeAll(async () => {
  test.setTimeout(300_000);
  demoPets = await holdDemoPets();
  rexCare = await withDb(
    async (db) => (await db.query('select feeding from public.pets where id = $1', [demo.rex.petId])).rows[0],
  );
  await cleanUp();
});

test.afterAll(async () => {
  await cleanUp();
  await demoPets?.release();
});

test('invited, live, booked, verified, subscribed and exported: the demo parent’s whole journey', async ({
  browser,
}) => {
  // The demo parent's login is unlinked, so only the invitation can link it again.
  await withDb((db) => db.query('update public.clients set user_id = null where id = $1', [parentClient]));
  await withDb((db) =>
    db.query(`delete from public.invitations where client_id = $1`, [parentClient]).catch(() => null),
  );

  const desk = await (await deviceContext(browser)).newPage();
  await signIn(desk, 'staff@happypaws.test', DEMO_PASSWORD, `/b/happy-paws/clients/${parentClient}`);
  const invite = desk.getByTestId('portal-invite');
  const seen = new Set((await inbox(parentEmail)).map((m) => m.ID));
  await invite.getByRole('button', { name: 'Invite to portal' }).click();
  await expect(invite.getByRole('status')).toHaveText(`Portal invitation sent to ${parentEmail}.`);
  const link = await inviteLinkAfter(parentEmail, seen);

  // The parent, in a second browser context, opens the e-mailed link, signs in and accepts.
  const home = await (await deviceContext(browser)).newPage();
  await home.setViewportSize({ width: 412, height: 915 });
  await home.goto(link);
  await expect(home.getByRole('heading', { name: 'Join the pet-parent portal of Happy Paws Daycare' })).toBeVisible();
  await home.getByRole('link', { name: 'Sign in to accept' }).click();
  await home.getByLabel('E-mail address').fill(parentEmail);
  await home.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await home.getByRole('button', { name: 'Sign in' }).click();
  await home.getByRole('button', { name: 'Accept the invitation' }).click();
  await expect(home).toHaveURL(/\/portal$/, { timeout: 30_000 });
  await expect(home.getByTestId('portal-pet').and(home.locator('[data-pet="Rex"]'))).toBeVisible();
  await expect(home.getByTestId('portal-pet').and(home.locator('[data-pet="Luna"]'))).toBeVisible();
  await expect(home.getByTestId('live-status')).toHaveText('Live');
  await home.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

  // A fake tap of Rex's tag at the desk: the parent's home shows it within a second, no reload.
  const scanner = await (await deviceContext(browser)).newPage();
  await openScanner(scanner, 'staff@happypaws.test');
  await scanner.getByRole('button', { name: 'Start NFC scanning' }).click();
  await expect(scanner.getByTestId('nfc')).toHaveAttribute('data-state', 'reading');
  expect(await scanner.evaluate((uid) => window.__nfc.tap(uid), demo.rex.uid)).toBe(1);
  await expect(scanner.getByTestId('scan-headline')).toHaveText('Rex is checked in', { timeout: 15_000 });
  await expect(petStatus(home, 'Rex')).toHaveText(/^Checked in at \d\d:\d\d$/, { timeout: 1000 });

  // A report card photo from the roster reaches the parent's home.
  await scanner.goto('/b/happy-paws/roster');
  const card = scanner.getByTestId('report-card').and(scanner.locator('[data-report-pet="Rex"]'));
  await card.locator('summary').click();
  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
    'base64',
  );
  await card.getByLabel('Photos of Rex').setInputFiles({ name: 'rex.png', mimeType: 'image/png', buffer: png });
  await card.getByLabel('Note for the family').fill('Rex met a new friend.');
  await card.getByRole('button', { name: 'Post Rex’s report card' }).click();
  await expect(scanner.getByText('Posted. The family can see it now.')).toBeVisible();
  const view = home.getByTestId('report-card-view').and(home.locator('[data-pet="Rex"]'));
  await expect(view.getByRole('img', { name: 'Rex, photo 1 of 1' })).toBeVisible({ timeout: 5000 });
  expect(await home.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);

  // Luna: refused for the expired Rabies, with the upload right there.
  const day = addDays(businessDay('Europe/London').date, 5);
  const requestLuna = async () => {
    await home.goto('/portal/bookings');
    await home.getByLabel('Service').selectOption({ label: 'Full-day daycare' });
    await home.getByLabel('Luna').check();
    await home.getByLabel('First day').fill(day);
    await home.getByRole('button', { name: 'Request booking' }).click();
    return home.getByTestId('booking-outcome').and(home.locator('[data-pet="Luna"]'));
  };
  let outcome = await requestLuna();
  await expect(outcome).toHaveAttribute('data-kind', 'refused');
  await expect(outcome).toContainText('Rabies expired');
  await outcome.getByRole('link', { name: 'Upload Rabies certificate' }).click();
  await expect(home).toHaveURL(new RegExp(`/portal/pets/${demo.luna.petId}`));
  const today = businessDay('Europe/London').date;
  await home.getByLabel('Vaccine').selectOption({ label: 'Rabies' });
  await home.getByLabel('Given on').fill(addDays(today, -2));
  await home.getByLabel('Expires on').fill(addDays(today, 365));
  await home.getByLabel('Certificate (photo or PDF)').setInputFiles({
    name: 'rabies.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'),
  });
  await home.getByRole('button', { name: 'Send for checking' }).click();
  await expect(home.getByText('The team will check the certificate')).toBeVisible();

  // The desk verifies it in the review queue.
  await desk.goto('/b/happy-paws/health/review');
  const item = desk.locator('[data-testid="review-item"][data-pet="Luna"]');
  await item.getByRole('button', { name: 'Verify Luna’s Rabies' }).click();
  await expect(desk.getByText('Vaccination verified.')).toBeVisible();

  // Now the booking goes through.
  outcome = await requestLuna();
  await expect(outcome).not.toHaveAttribute('data-kind', 'refused');
  const lunaBooking = await withDb(
    async (db) =>
      (
        await db.query(`select id from public.bookings where pet_id = $1 and id <> $2 and created_at >= $3`, [
          demo.luna.petId,
          demo.luna.bookingId,
          started,
        ])
      ).rows[0]?.id as string | undefined,
  );
  expect(lunaBooking).toBeTruthy();

  // The ICS feed carries it.
  await home.goto('/portal/calendar');
  await home.getByRole('button', { name: /Make (my calendar link|a new link)/ }).click();
  const ics = await (await home.request.get(await home.getByTestId('feed-url').inputValue())).text();
  expect(ics).toContain(`UID:${lunaBooking}@pawcentral`);
  expect(ics).toContain('SUMMARY:Luna: Full-day daycare at Happy Paws Daycare');

  // The data export: progress, then a short-lived signed link to a ZIP that holds the pets.
  await home.goto('/portal/privacy');
  await home.getByRole('button', { name: 'Prepare my download' }).click();
  const download = home.getByTestId('export-download');
  await expect(download).toBeVisible({ timeout: 30_000 });
  await home.screenshot({ path: `${shots}/portal-privacy-ready-phone.png`, fullPage: true });
  const href = await download.getAttribute('href');
  expect(href).toMatch(/\/storage\/v1\/object\/sign\/data-exports\/.+token=/);
  const zipResponse = await home.request.get(href!);
  expect(zipResponse.status()).toBe(200);
  const files = unzipSync(new Uint8Array(await zipResponse.body()));
  const mine = JSON.parse(strFromU8(files['my-data.json'])) as {
    pets: Array<{ name: string }>;
    bookings: Array<{ id: string }>;
  };
  expect(mine.pets.map((p) => p.name)).toEqual(expect.arrayContaining(['Luna', 'Rex']));
  expect(mine.bookings.map((b) => b.id)).toContain(lunaBooking);
  expect(Object.keys(files).some((f) => f.startsWith('files/report-photos/'))).toBe(true);
  // nothing of another family
  expect(JSON.stringify(mine)).not.toContain('Milo');
  // another login cannot follow this export
  const exportId = href!.match(/data-exports\/[^/]+\/([0-9a-f-]{36})\.zip/)?.[1];
  expect(exportId).toBeTruthy();
  const stranger = await (await deviceContext(browser)).newPage();
  await signIn(stranger, 'owner@barkavenue.test', DEMO_PASSWORD, '/account');
  expect((await stranger.request.get(`/portal/privacy/export/${exportId}`)).status()).toBe(404);
});

test('a care change the parent proposes changes Rex only once the desk accepts it; a shared record appears', async ({
  browser,
}) => {
  const home = await (await deviceContext(browser)).newPage();
  await home.setViewportSize({ width: 412, height: 915 });
  await signIn(home, parentEmail, DEMO_PASSWORD, `/portal/pets/${demo.rex.petId}`);
  await home.getByText('Propose a change').click();
  await home.getByLabel('Feeding').fill('Two scoops of kibble at 08:00 and 17:00');
  await home.getByLabel('Note for the team (optional)').fill('New vet advice');
  await home.getByRole('button', { name: 'Send for the team to accept' }).click();
  await expect(home.getByText('Sent. The team will accept or decline the change')).toBeVisible();
  await expect(home.getByTestId('care-proposal').first()).toHaveAttribute('data-status', 'pending');
  // not yet on the pet
  expect(
    await withDb(
      async (db) => (await db.query('select feeding from public.pets where id = $1', [demo.rex.petId])).rows[0].feeding,
    ),
  ).toBe(rexCare?.feeding ?? null);
  await home.screenshot({ path: `${shots}/portal-pet-proposal-phone.png`, fullPage: true });

  const desk = await (await deviceContext(browser)).newPage();
  await signIn(desk, 'staff@happypaws.test', DEMO_PASSWORD, '/b/happy-paws/roster');
  const badge = desk.getByTestId('pending-care-changes');
  await expect(badge).toContainText('1 care change from families to review');
  await badge.getByRole('link', { name: 'Rex' }).click();
  const review = desk.getByTestId('care-review');
  await expect(review).toContainText('Two scoops of kibble at 08:00 and 17:00');
  await review.getByLabel('Note for the family (optional)').fill('Updated, thanks!');
  await review.getByRole('button', { name: 'Accept the change to Rex’s care' }).click();
  await expect(desk.getByText('Accepted: Rex’s care instructions are updated')).toBeVisible();
  await expect(desk.getByLabel('Feeding')).toHaveValue('Two scoops of kibble at 08:00 and 17:00');

  // A record the desk shares appears on the parent's pet page.
  const title = await withDb(async (db) => {
    const { rows } = await db.query(
      `insert into public.medical_records (business_id, pet_id, kind, title, occurred_on) values ($1, $2, 'checkup', 'Annual check ' || $3, current_date) returning title`,
      [demo.happyPaws.id, demo.rex.petId, Date.now()],
    );
    return rows[0].title as string;
  });
  await desk.goto(`/b/happy-paws/health/pets/${demo.rex.petId}`);
  await desk.getByRole('button', { name: `Share with the family: ${title}` }).click();
  await expect(desk.getByRole('button', { name: `Stop sharing: ${title}` })).toBeVisible();

  await home.reload();
  await expect(home.getByTestId('care-proposal').first()).toHaveAttribute('data-status', 'accepted');
  await expect(home.getByTestId('care-proposal').first()).toContainText('Note from the team: Updated, thanks!');
  await expect(home.locator('#care dd').first()).toHaveText('Two scoops of kibble at 08:00 and 17:00');
  await expect(home.getByTestId('shared-record')).toContainText(title);
});

test('the parent’s account page leads back to the portal, not to an invitation meant for staff', async ({
  browser,
}) => {
  const page = await (await deviceContext(browser)).newPage();
  await page.setViewportSize({ width: 412, height: 915 });
  await signIn(page, parentEmail, DEMO_PASSWORD, '/account');
  await expect(page.getByRole('heading', { name: 'Your pets’ care' })).toBeVisible();
  await expect(page.getByText('Ask a business owner to invite you')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Your businesses' })).toHaveCount(0);
  await page.screenshot({ path: `${shots}/account-parent-phone.png`, fullPage: true });
  await page.getByRole('link', { name: 'Happy Paws Daycare' }).click();
  await expect(page).toHaveURL(/\/portal\?business=happy-paws$/);
  await expect(page.getByText('Hello, Jordan Parker')).toBeVisible();

  // a staff member's page is as before: their businesses, no portal card
  const desk = await (await deviceContext(browser)).newPage();
  await signIn(desk, 'staff@happypaws.test', DEMO_PASSWORD, '/account');
  await expect(desk.getByRole('heading', { name: 'Your businesses' })).toBeVisible();
  await expect(desk.getByRole('link', { name: 'Happy Paws Daycare' })).toHaveAttribute('href', '/b/happy-paws');
  await expect(desk.getByRole('heading', { name: 'Your pets’ care' })).toHaveCount(0);
});

test('deleting the account says what happens, needs the e-mail typed, and leaves the booking anonymised', async ({
  browser,
}) => {
  const user = await createUser('portal-delete');
  const { clientId, bookingId } = await withDb(async (db) => {
    const client = await db.query(
      `insert into public.clients (business_id, user_id, full_name, email, phone) values ($1, $2, 'Dora Delete', $3, '+44 7700 900123') returning id`,
      [demo.happyPaws.id, user.id, user.email],
    );
    const pet = await db.query(
      `insert into public.pets (business_id, client_id, name) values ($1, $2, 'Pip') returning id`,
      [demo.happyPaws.id, client.rows[0].id],
    );
    const service = await db.query(
      `select id from public.services where business_id = $1 and name = 'Full-day daycare'`,
      [demo.happyPaws.id],
    );
    const booking = await db.query(
      `insert into public.bookings (business_id, service_id, pet_id, client_id, starts_at, ends_at, status)
       values ($1, $2, $3, $4, now() - interval '30 days', now() - interval '30 days' + interval '8 hours', 'checked_out') returning id`,
      [demo.happyPaws.id, service.rows[0].id, pet.rows[0].id, client.rows[0].id],
    );
    return { clientId: client.rows[0].id as string, bookingId: booking.rows[0].id as string };
  });

  const page = await (await deviceContext(browser)).newPage();
  await page.setViewportSize({ width: 412, height: 915 });
  await signIn(page, user.email, user.password, '/portal/privacy');
  await expect(page.getByText('erases your name, e-mail address, phone number, home address')).toBeVisible();
  const remove = page.getByRole('button', { name: 'Delete my account' });
  await expect(remove).toBeDisabled();
  await page.getByLabel(/Type your e-mail address/).fill('someone-else@example.test');
  await expect(remove).toBeDisabled();
  await page.getByLabel(/Type your e-mail address/).fill(user.email);
  await remove.click();
  await expect(page).toHaveURL(/\/account-deleted$/);
  await expect(page.getByRole('heading', { name: 'Your account is deleted' })).toBeVisible();

  const after = await withDb(async (db) => ({
    login: (await db.query('select count(*)::int as n from auth.users where id = $1', [user.id])).rows[0].n,
    client: (await db.query('select full_name, email, phone, user_id from public.clients where id = $1', [clientId]))
      .rows[0],
    booking: (await db.query('select status, client_id from public.bookings where id = $1', [bookingId])).rows[0],
    audit: (
      await db.query(
        `select count(*)::int as n from public.audit_log where table_name = 'clients' and row_id = $1 and reason like 'The pet parent deleted%'`,
        [clientId],
      )
    ).rows[0].n,
  }));
  expect(after.login).toBe(0);
  expect(after.client).toEqual({ full_name: 'Former client', email: null, phone: null, user_id: null });
  expect(after.booking).toEqual({ status: 'checked_out', client_id: clientId });
  expect(after.audit).toBe(1);
  // the old password no longer signs in
  await page.goto('/login');
  await page.getByLabel('E-mail address').fill(user.email);
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/login/);
});
