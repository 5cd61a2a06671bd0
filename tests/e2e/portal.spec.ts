// The pet parents' portal (issue 11): the demo parent follows Rex's day live, sees a report card, is refused
// a booking for Luna because her Rabies has expired, and subscribes to a calendar feed; a parent stays out of
// staff pages and out of another business's data. These tests change Rex's and Luna's bookings, so they hold
// the demo pets for the whole file.
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { addDays } from '../../web/src/lib/time/zone.ts';
import { businessDay } from '../../web/src/lib/scan/day.ts';
import {
  demo,
  deviceContext,
  holdDemoPets,
  openScanner,
  resetDemoPets,
  DEMO_PASSWORD,
  staffClient,
  withDb,
} from './support/staff.ts';

test.describe.configure({ mode: 'serial', timeout: 120_000 });

/** Signs in through the sign-in page and lands on `path` (with room for a busy test machine). */
async function portalSignIn(page: Page, email: string, path: string): Promise<void> {
  await page.goto(`/login?next=${encodeURIComponent(path)}`);
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname === path, { timeout: 30_000 });
}

const shots = 'test-results/screenshots';
mkdirSync(shots, { recursive: true });
const parentEmail = 'parent@happypaws.test';
const milo = 'd2000000-0000-4000-8000-000000000001'; // Bark Avenue's pet

let demoPets: { release: () => Promise<void> } | undefined;

async function clearReportCards(): Promise<void> {
  await withDb(async (db) => {
    await db.query('delete from public.report_cards where pet_id = any($1)', [[demo.rex.petId, demo.luna.petId]]);
    await db.query(`delete from public.notifications where template = 'report_card_posted' and dedupe_key like 'report_card_posted:%'
      and recipient_client_id = 'c1000000-0000-4000-8000-000000000001'`);
  });
}

test.beforeAll(async () => {
  test.setTimeout(300_000);
  demoPets = await holdDemoPets();
});

test.beforeEach(async () => {
  await resetDemoPets();
  await clearReportCards();
});

test.afterAll(async () => {
  await resetDemoPets();
  await clearReportCards();
  await demoPets?.release();
});

function petStatus(page: Page, pet: string) {
  return page
    .getByTestId('portal-pet')
    .and(page.locator(`[data-pet="${pet}"]`))
    .getByTestId('pet-status');
}

test('a pet parent lands on the portal; staff do not, and a parent on a staff page is told where to go', async ({
  browser,
}) => {
  const context = await deviceContext(browser);
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByLabel('E-mail address').fill(parentEmail);
  await page.getByLabel('Password', { exact: true }).fill('pawcentral-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/portal$/, { timeout: 30_000 });
  await expect(page.getByTestId('portal-business')).toHaveText('Happy Paws Daycare');

  const staff = await (await deviceContext(browser)).newPage();
  await staff.goto('/login');
  await staff.getByLabel('E-mail address').fill('staff@happypaws.test');
  await staff.getByLabel('Password', { exact: true }).fill('pawcentral-demo');
  await staff.getByRole('button', { name: 'Sign in' }).click();
  await expect(staff).toHaveURL(/\/account$/, { timeout: 30_000 });
  const portal = await staff.goto('/portal');
  expect(portal?.status()).toBe(403);
  await expect(staff.getByText('The portal is for pet parents')).toBeVisible();

  const roster = await page.goto('/b/happy-paws/roster');
  expect(roster?.status()).toBe(403);
  await expect(page.getByText('Your pets are in your portal at /portal.')).toBeVisible();
  // The same answer for a business they have no link with: nothing is learnt about it.
  expect((await page.goto('/b/bark-avenue/roster'))?.status()).toBe(403);
});

test('the parent sees Rex checked in live, then his report card, and a refusal for Luna in words; the ICS feed has the booking', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const home = await (await deviceContext(browser)).newPage();
  await home.setViewportSize({ width: 412, height: 915 });
  await portalSignIn(home, parentEmail, '/portal');
  await expect(home.getByTestId('portal-pet')).toHaveCount(2);
  await expect(petStatus(home, 'Rex')).toHaveText('Expected today at 08:00');
  await expect(petStatus(home, 'Luna')).toHaveText('Expected today at 08:00');
  await expect(home.getByTestId('live-status')).toHaveText('Live');
  await home.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

  // Staff tap Rex's tag on the desk phone.
  const scanner = await (await deviceContext(browser)).newPage();
  await openScanner(scanner, 'staff@happypaws.test');
  await expect(scanner.getByTestId('nfc')).toHaveAttribute('data-state', 'ready');
  await scanner.getByRole('button', { name: 'Start NFC scanning' }).click();
  await expect(scanner.getByTestId('nfc')).toHaveAttribute('data-state', 'reading');
  const tapped = Date.now();
  expect(await scanner.evaluate((uid) => window.__nfc.tap(uid), demo.rex.uid)).toBe(1);
  // Within a second of the desk seeing the check-in (as the staff roster test measures it).
  await expect(scanner.getByTestId('scan-headline')).toHaveText('Rex is checked in', { timeout: 15_000 });
  await expect(petStatus(home, 'Rex')).toHaveAttribute('data-kind', 'in', { timeout: 1000 });
  test.info().annotations.push({ type: 'tap-to-parent-ms', description: String(Date.now() - tapped) });
  await expect(petStatus(home, 'Rex')).toHaveText(/^Checked in at \d\d:\d\d$/);
  await expect(petStatus(home, 'Luna')).toHaveText('Expected today at 08:00');

  // Staff post Rex's report card from the roster; the parent's home shows it without a reload.
  const roster = scanner;
  await roster.goto('/b/happy-paws/roster');
  await expect(roster.getByTestId('live-status')).toHaveText('Live');
  const card = roster.getByTestId('report-card').and(roster.locator('[data-report-pet="Rex"]'));
  await card.locator('summary').click();
  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
    'base64',
  );
  await card.getByLabel('Photos of Rex').setInputFiles({ name: 'rex.png', mimeType: 'image/png', buffer: png });
  await card.getByLabel('Note for the family').fill('Rex played fetch all morning.');
  await card.getByRole('button', { name: 'Post Rex’s report card' }).click();
  await expect(roster.getByText('Posted. The family can see it now.')).toBeVisible();
  const view = home.getByTestId('report-card-view').and(home.locator('[data-pet="Rex"]'));
  await expect(view).toContainText('Rex played fetch all morning.', { timeout: 5000 });
  await expect(view.getByRole('img', { name: 'Rex, photo 1 of 1' })).toBeVisible();
  expect(await home.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
  await home.screenshot({ path: `${shots}/portal-home-live.png`, fullPage: true });
  // One in-app message per card, in the parent's inbox.
  await home.goto('/portal/messages');
  await expect(home.getByTestId('message').and(home.locator('[data-template="report_card_posted"]'))).toContainText(
    "Rex's report card",
  );

  // The parent asks for daycare for Luna and is told why not, with the upload right there.
  await home.goto('/portal/bookings');
  const day = addDays(businessDay('Europe/London').date, 3);
  await home.getByLabel('Service').selectOption({ label: 'Full-day daycare' });
  await home.getByLabel('Luna').check();
  await home.getByLabel('First day').fill(day);
  await home.getByRole('button', { name: 'Request booking' }).click();
  const outcome = home.getByTestId('booking-outcome').and(home.locator('[data-pet="Luna"]'));
  await expect(outcome).toHaveAttribute('data-kind', 'refused');
  await expect(outcome).toContainText("Luna can't be booked: Rabies expired on");
  await expect(outcome.getByRole('link', { name: 'Upload Rabies certificate' })).toBeVisible();
  expect(
    await withDb(
      async (db) =>
        (await db.query('select count(*)::int as n from public.bookings where pet_id = $1', [demo.luna.petId])).rows[0]
          .n,
    ),
  ).toBe(1); // nothing half-written: only the seeded booking

  // The calendar feed carries Rex's booking; a new link kills the old one.
  await home.goto('/portal/calendar');
  await home.getByRole('button', { name: /Make (my calendar link|a new link)/ }).click();
  const feedUrl = await home.getByTestId('feed-url').inputValue();
  const ics = await home.request.get(feedUrl);
  expect(ics.status()).toBe(200);
  expect(ics.headers()['content-type']).toContain('text/calendar');
  const body = await ics.text();
  expect(body).toContain('BEGIN:VCALENDAR');
  expect(body).toContain(`UID:${demo.rex.bookingId}@pawcentral`);
  expect(body).toContain('SUMMARY:Rex: Full-day daycare at Happy Paws Daycare');
  await home.getByRole('button', { name: /Make a new link/ }).click();
  await expect(home.getByTestId('feed-url')).not.toHaveValue(feedUrl);
  expect((await home.request.get(feedUrl)).status()).toBe(404);
});

test('isolation: the Happy Paws parent sees nothing of Bark Avenue, and Bark Avenue sees nothing of theirs', async ({
  browser,
}) => {
  // A report card for Rex to look for.
  await withDb((db) =>
    db.query(`update public.bookings set status = 'checked_in' where id = $1`, [demo.rex.bookingId]),
  );
  const { client: desk } = await staffClient('staff@happypaws.test');
  const posted = await desk.rpc('post_report_card', { p_booking_id: demo.rex.bookingId, p_note: 'Nap time' });
  expect(posted.error).toBeNull();

  const { client: parent } = await staffClient(parentEmail);
  expect((await parent.from('pets').select('id').eq('id', milo)).data).toEqual([]);
  expect(
    (await parent.from('bookings').select('id').eq('business_id', '22222222-2222-4222-8222-222222222222')).data,
  ).toEqual([]);
  expect((await parent.from('report_cards').select('note').eq('pet_id', demo.rex.petId)).data).toEqual([
    { note: 'Nap time' },
  ]);
  const refused = await parent.rpc('post_report_card', { p_booking_id: demo.rex.bookingId, p_note: 'I wrote this' });
  expect(refused.error?.hint).toBe('report_card_staff_only');

  const { client: bark } = await staffClient('owner@barkavenue.test');
  expect((await bark.from('report_cards').select('id').eq('pet_id', demo.rex.petId)).data).toEqual([]);
  const barkPost = await bark.rpc('post_report_card', { p_booking_id: demo.rex.bookingId, p_note: 'x' });
  expect(barkPost.error?.code).toBe('PT404');

  const page = await (await deviceContext(browser)).newPage();
  await portalSignIn(page, parentEmail, '/portal');
  expect((await page.goto(`/portal/pets/${milo}`))?.status()).toBe(404);
  expect((await page.goto(`/portal/pets/${demo.rex.petId}`))?.status()).toBe(200);
  await expect(page.getByTestId('report-card-view')).toContainText('Nap time');
  // The staff's Bark Avenue business cannot be switched to by a parent who is not its client.
  await page.goto('/portal?business=bark-avenue');
  await expect(page.getByTestId('portal-business')).toHaveText('Happy Paws Daycare');
});
