// Tap-to-check-in and the live roster (SPEC §5 flow 1), with Web NFC simulated by an injected
// NDEFReader. These tests change Rex's and Luna's bookings in the shared demo data, so they run one
// after another and put both pets back before each test.
import { mkdirSync } from 'node:fs';
import { expect, test, type WebSocketRoute } from '@playwright/test';
import {
  bookingStatus,
  demo,
  deviceContext,
  openScanner,
  holdDemoPets,
  resetDemoPets,
  scansOf,
  signInTo,
  staffClient,
  withDb,
} from './support/staff.ts';

test.describe.configure({ mode: 'serial' });

const shots = 'test-results/screenshots';
mkdirSync(shots, { recursive: true });

let demoPets: { release: () => Promise<void> } | undefined;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  demoPets = await holdDemoPets();
});

test.beforeEach(async () => {
  await resetDemoPets();
});

test.afterAll(async () => {
  await resetDemoPets();
  await demoPets?.release();
});

test('staff tap Rex’s tag and a second device’s roster shows him in within a second, without reloading', async ({
  browser,
}) => {
  const desk = await deviceContext(browser);
  const office = await deviceContext(browser);
  const scanner = await desk.newPage();
  const roster = await office.newPage();

  await signInTo(roster, 'owner@happypaws.test', '/b/happy-paws/roster');
  await expect(roster.getByTestId('live-status')).toHaveText('Live');
  await expect(roster.getByTestId('roster-expected').locator('[data-pet="Rex"]')).toBeVisible();
  await roster.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

  await openScanner(scanner, 'staff@happypaws.test');
  // Desktop Chromium has no NFC permission to remember, so starting needs the button (a user gesture).
  await expect(scanner.getByTestId('nfc')).toHaveAttribute('data-state', 'ready');
  await scanner.getByRole('button', { name: 'Start NFC scanning' }).click();
  await expect(scanner.getByTestId('nfc')).toHaveAttribute('data-state', 'reading');

  const tapped = Date.now();
  expect(await scanner.evaluate((uid) => window.__nfc.tap(uid), demo.rex.uid)).toBe(1);
  await expect(scanner.getByTestId('scan-headline')).toHaveText('Rex is checked in');
  await expect(roster.getByTestId('roster-in').locator('[data-pet="Rex"]')).toBeVisible({ timeout: 1000 });
  // Reported, not asserted: speed is the bench's business (CONVENTIONS.md).
  const elapsed = await scanner.getByTestId('scan-result').getAttribute('data-elapsed-ms');
  test.info().annotations.push({ type: 'tap-to-result-ms', description: String(elapsed) });
  // the roster's "within a second" is the 1 s wait above (from the scanner's result); tap → roster is reported
  test.info().annotations.push({ type: 'tap-to-roster-ms', description: String(Date.now() - tapped) });
  await expect(roster.getByTestId('roster-expected').locator('[data-pet="Rex"]')).toHaveCount(0);
  expect(await roster.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);

  // The card shows what the desk needs, and one tap checks Rex out again.
  const card = scanner.getByTestId('scan-result');
  await expect(card).toContainText('Jordan Parker');
  await expect(card).toContainText('2 cups dry food at noon');
  await expect(card).toContainText('Full-day daycare');
  await scanner.screenshot({ path: `${shots}/staff-scan-checked-in.png`, fullPage: true });
  await roster.screenshot({ path: `${shots}/staff-roster-live.png`, fullPage: true });

  await scanner.getByRole('button', { name: 'Check Rex out' }).click();
  await expect(scanner.getByTestId('scan-headline')).toHaveText('Rex is checked out');
  await expect(roster.getByTestId('roster-gone').locator('[data-pet="Rex"]')).toBeVisible({ timeout: 1000 });
  expect((await scansOf(demo.rex.petId)).map((s) => s.action).sort()).toEqual(['check_in', 'check_out']);

  await desk.close();
  await office.close();
});

test('Luna is blocked by her expired rabies vaccine; staff cannot override, the owner can, and it is audited', async ({
  browser,
}) => {
  const staffDevice = await deviceContext(browser);
  const staff = await staffDevice.newPage();
  await openScanner(staff, 'staff@happypaws.test');
  await staff.getByRole('button', { name: 'Start NFC scanning' }).click();
  await staff.evaluate((uid) => window.__nfc.tap(uid), demo.luna.uid);
  await expect(staff.getByTestId('scan-headline')).toHaveText('Luna cannot be checked in');
  await expect(staff.getByTestId('blocked')).toContainText('Rabies expired on');
  await expect(staff.getByTestId('blocked')).toContainText('Only a manager or owner can override');
  await expect(staff.getByRole('button', { name: 'Override and check in' })).toHaveCount(0);
  await staff.screenshot({ path: `${shots}/staff-scan-blocked.png`, fullPage: true });
  expect(await bookingStatus(demo.luna.bookingId)).toBe('confirmed');
  await staffDevice.close();

  const ownerDevice = await deviceContext(browser);
  const owner = await ownerDevice.newPage();
  await openScanner(owner, 'owner@happypaws.test');
  await owner.getByRole('button', { name: 'Start NFC scanning' }).click();
  await owner.evaluate((uid) => window.__nfc.tap(uid), demo.luna.uid);
  await expect(owner.getByTestId('scan-headline')).toHaveText('Luna cannot be checked in');
  const reason = `Vet confirmed booster today (e2e ${Date.now()})`;
  await owner.getByLabel('Reason for letting Luna in anyway').fill(reason);
  await owner.getByRole('button', { name: 'Override and check in' }).click();
  await expect(owner.getByTestId('scan-headline')).toHaveText('Luna is checked in (override recorded)');
  expect(await bookingStatus(demo.luna.bookingId)).toBe('checked_in');

  const audit = await withDb(
    async (db) =>
      (await db.query('select actor, table_name, row_id, action from public.audit_log where reason = $1', [reason]))
        .rows,
  );
  expect(audit).toEqual([
    { actor: demo.ownerId, table_name: 'bookings', row_id: demo.luna.bookingId, action: 'OVERRIDE' },
  ]);
  await ownerDevice.close();
});

test('a keyboard-wedge reader checks a pet in through the tag field, while a person typing just types', async ({
  browser,
}) => {
  const device = await deviceContext(browser);
  const page = await device.newPage();
  await openScanner(page, 'staff@happypaws.test');
  const tag = page.getByLabel('Tag number');
  await expect(tag).toBeFocused();

  // The page's own start-up work (live channel, lazy panels) done first: keys sent while the renderer is busy arrive
  // with a gap of that stall between them (CI once saw "04A1" | "B2C3D4E501"), which a real reader's keys, stamped by
  // the operating system as typed, do not have.
  await page.evaluate(() => new Promise<void>((done) => requestIdleCallback(() => done(), { timeout: 3_000 })));
  // As a reader does: the whole number in one burst, then Enter, a few milliseconds per key.
  await page.keyboard.type('04A1B2C3D4E501\n');
  await expect(page.getByTestId('scan-headline')).toHaveText('Rex is checked in');
  await expect(tag).toHaveValue('');
  expect(await bookingStatus(demo.rex.bookingId)).toBe('checked_in');

  // A person typing a name and pressing Enter searches.
  const search = page.getByLabel('Find a pet by name');
  await search.click();
  await page.keyboard.type('Lun', { delay: 120 });
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\?q=Lun$/);
  await expect(page.getByRole('list', { name: 'Pets found' })).toContainText('Luna');
  expect((await scansOf(demo.rex.petId)).length).toBe(1);
  await device.close();
});

test('fast typing in the search box searches and is never taken for a tag reader', async ({ browser }) => {
  const device = await deviceContext(browser);
  const page = await device.newPage();
  await openScanner(page, 'staff@happypaws.test');
  const search = page.getByLabel('Find a pet by name');
  await search.click();
  // Typed as quickly as a reader would (every gap under the 50 ms burst threshold), then Enter.
  await page.keyboard.type('Biscuit12\n', { delay: 10 });
  await expect(page).toHaveURL(/\?q=Biscuit12$/);
  await expect(page.getByText('No pet called “Biscuit12”.')).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await device.close();
});

test('the check-in card shows the pet’s photo in a fixed-size box', async ({ browser }) => {
  const device = await deviceContext(browser);
  const page = await device.newPage();
  try {
    await signInTo(page, 'staff@happypaws.test', `/b/happy-paws/pets/${demo.rex.petId}`);
    // A 1×1 PNG stands in for Rex's face.
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
      'base64',
    );
    await page.getByLabel(/a photo/).setInputFiles({ name: 'rex.png', mimeType: 'image/png', buffer: png });
    await page.getByRole('button', { name: 'Upload photo' }).click();
    await expect(page.getByRole('status')).toHaveText('Photo saved.');

    await page.goto('/b/happy-paws/scan');
    await expect(page.locator('[data-ready="true"]')).toBeVisible();
    await page.getByLabel('Tag number').fill(demo.rex.uid);
    await page.getByRole('button', { name: 'Check in', exact: true }).click();
    await expect(page.getByTestId('scan-headline')).toHaveText('Rex is checked in');
    const photo = page.getByTestId('scan-photo');
    await expect(photo).toHaveAttribute('alt', 'Photo of Rex');
    await expect(photo).toHaveAttribute('src', /\/storage\/v1\/object\/sign\/pet-photos\/.+token=/);
    await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);
    // The box is reserved at its full size whether or not a photo is there, so nothing shifts.
    expect(await photo.locator('..').boundingBox()).toMatchObject({ width: 96, height: 96 });
    await page.screenshot({ path: `${shots}/staff-scan-photo.png`, fullPage: true });
  } finally {
    await withDb((db) => db.query('update public.pets set photo_path = null where id = $1', [demo.rex.petId]));
    await device.close();
  }
});

test('the roster catches up on what it missed while its connection was down', async ({ browser }) => {
  const device = await deviceContext(browser);
  const roster = await device.newPage();
  // Stand between the page and Realtime so the test can cut the line and keep it cut for a while.
  let lineUp = true;
  const open: WebSocketRoute[] = [];
  await roster.routeWebSocket(/\/realtime\/v1\/websocket/, (ws) => {
    if (!lineUp) return ws.close({ code: 1006, reason: 'line cut by the test' });
    ws.connectToServer();
    open.push(ws);
  });
  await signInTo(roster, 'owner@happypaws.test', '/b/happy-paws/roster');
  await expect(roster.getByTestId('live-status')).toHaveText('Live');

  lineUp = false;
  for (const ws of open.splice(0)) await ws.close({ code: 1006, reason: 'line cut by the test' });
  await expect(roster.getByTestId('live-status')).toHaveText('Reconnecting…');

  // Rex is checked in elsewhere while the roster hears nothing.
  const { client } = await staffClient('staff@happypaws.test');
  const scan = await client.rpc('check_in_by_tag', { p_uid: demo.rex.uid, p_client_scan_id: crypto.randomUUID() });
  expect(scan.data?.status).toBe('checked_in');
  await roster.waitForTimeout(300);
  await expect(roster.getByTestId('roster-expected').locator('[data-pet="Rex"]')).toBeVisible();

  lineUp = true;
  await expect(roster.getByTestId('live-status')).toHaveText('Live', { timeout: 15_000 });
  await expect(roster.getByTestId('roster-in').locator('[data-pet="Rex"]')).toBeVisible();
  await device.close();
});

test('a refused NFC permission is explained and the other ways to scan stay open', async ({ browser }) => {
  const device = await deviceContext(browser);
  const page = await device.newPage();
  await openScanner(page, 'staff@happypaws.test');
  await page.evaluate(() => window.__nfc.deny());
  await page.getByRole('button', { name: 'Start NFC scanning' }).click();
  await expect(page.getByTestId('nfc')).toHaveAttribute('data-state', 'permission-denied');
  await expect(page.getByTestId('nfc')).toContainText('Allow NFC for this site');
  await expect(page.getByLabel('Tag number')).toBeEditable();
  await device.close();
});

test('the roster filters by status', async ({ browser }) => {
  const device = await deviceContext(browser);
  const page = await device.newPage();
  await signInTo(page, 'staff@happypaws.test', '/b/happy-paws/roster');
  await page.getByRole('link', { name: 'Expected', exact: true }).click();
  await expect(page).toHaveURL(/\?status=expected$/);
  await expect(page.getByTestId('roster-expected').locator('[data-pet="Luna"]')).toBeVisible();
  await expect(page.getByTestId('roster-in')).toHaveCount(0);
  await expect(page.getByTestId('roster-gone')).toHaveCount(0);
  await page.getByRole('link', { name: 'All', exact: true }).click();
  await expect(page.getByTestId('roster-in')).toBeVisible();
  await device.close();
});

test('a QR tag read with the camera resolves in the scanning business', async ({ browser }) => {
  const device = await deviceContext(browser);
  const page = await device.newPage();
  await signInTo(page, 'staff@barkavenue.test', '/b/bark-avenue/scan');
  await expect(page.locator('[data-ready="true"]')).toBeVisible();
  await page.getByRole('button', { name: 'Scan a QR tag' }).click();
  await expect(page.getByTestId('qr-video')).toBeVisible();
  await page.evaluate(() => window.__qr.show('https://pawcentral.example/t/QR-PEPPER-0001'));
  // Pepper has no booking today: the card says so and offers a walk-in behind a deliberate choice (nothing
  // is written; issue 10 removed the one-press service buttons).
  await expect(page.getByTestId('scan-headline')).toHaveText('Pepper has no booking today');
  await page.getByText('Book a walk-in for Pepper…').click();
  await expect(page.getByLabel('Full groom')).toBeVisible();
  await expect(page.getByTestId('qr-video')).toHaveCount(0);
  await device.close();
});

test('a pet picked by name is checked in through its tag', async ({ browser }) => {
  const device = await deviceContext(browser);
  const page = await device.newPage();
  await openScanner(page, 'staff@happypaws.test');
  await page.getByLabel('Find a pet by name').fill('rex');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('button', { name: 'Check in Rex' }).click();
  await expect(page.getByTestId('scan-headline')).toHaveText('Rex is checked in');
  await device.close();
});

test('without JavaScript, a typed tag number checks in and the card checks out', async ({ browser }) => {
  const device = await deviceContext(browser, { javaScriptEnabled: false });
  const page = await device.newPage();
  await signInTo(page, 'staff@happypaws.test', '/b/happy-paws/scan');
  await page.getByLabel('Tag number').fill('04A1B2C3D4E501');
  await page.getByRole('button', { name: 'Check in', exact: true }).click();
  await expect(page.getByTestId('scan-headline')).toHaveText('Rex is checked in');
  await page.getByRole('button', { name: 'Check Rex out' }).click();
  await expect(page.getByTestId('scan-headline')).toHaveText('Rex is checked out');
  expect(await bookingStatus(demo.rex.bookingId)).toBe('checked_out');

  await page.getByLabel('Tag number').fill('not a tag');
  await page.getByRole('button', { name: 'Check in', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('is not a tag number');
  await device.close();
});

test('Bark Avenue’s staff get a 404 for Happy Paws’ scanner and roster', async ({ browser }) => {
  const device = await deviceContext(browser);
  const page = await device.newPage();
  await signInTo(page, 'staff@barkavenue.test', '/b/bark-avenue/scan');
  for (const path of ['/b/happy-paws/scan', '/b/happy-paws/roster', '/b/no-such-business/scan']) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
    await expect(page.locator('body')).not.toContainText('Happy Paws');
  }
  const token = await page.request.get('/b/happy-paws/realtime-token');
  expect(token.status()).toBe(404);
  await device.close();
});

test('a scan taken offline waits in the queue and is sent exactly once when the network returns', async ({
  browser,
}) => {
  const device = await deviceContext(browser);
  const page = await device.newPage();
  await openScanner(page, 'staff@happypaws.test');
  await page.getByRole('button', { name: 'Start NFC scanning' }).click();
  await expect(page.getByTestId('nfc')).toHaveAttribute('data-state', 'reading');

  await device.setOffline(true);
  await page.evaluate((uid) => window.__nfc.tap(uid), demo.rex.uid);
  await expect(page.getByTestId('scan-saved')).toContainText('saved on this phone');
  await expect(page.getByTestId('queue-count')).toHaveText('1 scan waiting to be sent');
  await page.screenshot({ path: `${shots}/staff-scan-offline-queue.png`, fullPage: true });
  expect(await scansOf(demo.rex.petId)).toEqual([]);

  await device.setOffline(false);
  await expect(page.getByTestId('scan-headline')).toHaveText('Rex is checked in');
  await expect(page.getByTestId('queue-count')).toHaveCount(0);
  await expect(page.getByTestId('queue-sent')).toContainText('Rex is checked in');
  const scans = await scansOf(demo.rex.petId);
  expect(scans).toHaveLength(1);

  // A reload finds nothing left to send, and nothing is sent twice.
  await page.reload();
  await expect(page.locator('[data-ready="true"]')).toBeVisible();
  await page.waitForTimeout(500);
  await expect(page.getByTestId('queue-count')).toHaveCount(0);
  expect(await scansOf(demo.rex.petId)).toEqual(scans);
  await device.close();
});
