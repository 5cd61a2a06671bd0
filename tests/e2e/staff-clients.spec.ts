// The desk's clients and pets pages (issue 5 item 4): search as you type, a client with several pets in
// one form, edits that keep what was typed, tags registered and scanned, QR labels, photos, and the
// tenancy wall. Every row these tests make has a unique name; Rex is only read, never changed.
import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { deviceContext, demo, holdAppScripts, resetDemoPets, signInTo, withDb } from './support/staff.ts';

test.describe.configure({ mode: 'serial' });

const shots = 'test-results/screenshots';
mkdirSync(shots, { recursive: true });
const base = `/b/${demo.happyPaws.slug}`;
const unique = () => Math.random().toString(36).slice(2, 8);

test('the search finds Rex as you type “re”, and by his microchip', async ({ browser }) => {
  const page = await (await deviceContext(browser)).newPage();
  await signInTo(page, 'staff@happypaws.test', `${base}/clients`);
  const box = page.getByRole('searchbox', { name: 'Search' });
  await box.pressSequentially('re', { delay: 30 });
  await expect(page).toHaveURL(/\?q=re$/);
  const pets = page.getByTestId('pet-hits');
  await expect(pets.getByRole('link', { name: 'Rex' })).toBeVisible();
  await expect(box).toBeFocused();
  await page.screenshot({ path: `${shots}/staff-clients-search.png`, fullPage: true });

  await box.fill('826098100000001');
  await expect(page).toHaveURL(/\?q=826098100000001$/);
  await expect(pets.getByRole('link')).toHaveText(['Rex']);
  await pets.getByRole('link', { name: 'Rex' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Rex');
  await expect(page.getByLabel('Feeding')).toHaveValue(/2 cups dry food/);
});

test('the search works as a plain GET form without JavaScript and finds clients by phone', async ({ browser }) => {
  const page = await (await deviceContext(browser, { javaScriptEnabled: false })).newPage();
  await signInTo(page, 'staff@happypaws.test', `${base}/clients`);
  await page.getByRole('searchbox', { name: 'Search' }).fill('jordan park');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByTestId('client-hits').getByRole('link', { name: 'Jordan Parker' })).toBeVisible();
  const phone = await withDb(async (db) =>
    String((await db.query(`select phone from public.clients where full_name = 'Jordan Parker'`)).rows[0].phone),
  );
  await page.getByRole('searchbox', { name: 'Search' }).fill(phone.slice(-6));
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByTestId('client-hits').getByRole('link', { name: 'Jordan Parker' })).toBeVisible();
});

test('staff create a client with two pets in one form and see both on the client’s page', async ({ browser }) => {
  const page = await (await deviceContext(browser)).newPage();
  await signInTo(page, 'staff@happypaws.test', `${base}/clients/new`);
  const name = `Robin Test ${unique()}`;
  await page.getByLabel('Full name').fill(name);
  await page.getByLabel('Phone').fill('+44 20 7946 0101');
  await page.getByLabel('E-mail').fill(`robin.${unique()}@example.com`);
  const rows = page.getByTestId('pet-row');
  await rows.nth(0).getByLabel('Name').fill('Pickle');
  await rows.nth(0).getByLabel('Feeding').fill('Half a cup, twice');
  await page.getByRole('button', { name: 'Add another pet' }).click();
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1).getByLabel('Name')).toBeFocused();
  await rows.nth(1).getByLabel('Name').fill('Mochi');
  await rows.nth(1).getByLabel('Species').selectOption('cat');
  await page.screenshot({ path: `${shots}/staff-clients-new.png`, fullPage: true });
  await page.getByRole('button', { name: 'Save client' }).click();

  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  await expect(page.getByRole('status')).toHaveText('Client saved.');
  await expect(page.getByTestId('client-pets').getByRole('link')).toHaveText(['Mochi', 'Pickle']);
  await page.screenshot({ path: `${shots}/staff-client-detail.png`, fullPage: true });
  const stored = await withDb(
    async (db) =>
      (
        await db.query(
          `select p.name, p.species, p.feeding from public.pets p join public.clients c on c.id = p.client_id
         where c.full_name = $1 order by p.name`,
          [name],
        )
      ).rows,
  );
  expect(stored).toEqual([
    { name: 'Mochi', species: 'cat', feeding: null },
    { name: 'Pickle', species: 'dog', feeding: 'Half a cup, twice' },
  ]);
});

test('what is typed before the page’s script has loaded survives hydration and is saved', async ({ browser }) => {
  const page = await (await deviceContext(browser)).newPage();
  await signInTo(page, 'staff@happypaws.test', `${base}/clients`);
  // a slow phone: the page is shown, its script still on the way
  const release = await holdAppScripts(page);
  await page.goto(`${base}/clients/new`, { waitUntil: 'commit' });
  const name = `Early Typist ${unique()}`;
  await page.getByLabel('Full name').fill(name);
  await page.getByLabel('Phone').fill('+44 20 7946 0199');
  await page.getByLabel('Agrees to SMS notifications').check();
  const row = page.getByTestId('pet-row').first();
  await row.getByLabel('Name').fill('Sprout');
  await row.getByLabel('Species').selectOption('cat');

  // the script arrives and hydrates the form, which writes every field's server value (empty) once
  release();
  await page.waitForLoadState('networkidle');
  await expect(page.getByLabel('Full name')).toHaveValue(name);
  await expect(page.getByLabel('Phone')).toHaveValue('+44 20 7946 0199');
  await expect(page.getByLabel('Agrees to SMS notifications')).toBeChecked();
  await expect(row.getByLabel('Name')).toHaveValue('Sprout');
  await expect(row.getByLabel('Species')).toHaveValue('cat');
  await page.unrouteAll({ behavior: 'ignoreErrors' });

  // and the hydrated page (use:enhance) saves exactly that
  await page.getByRole('button', { name: 'Save client' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  const stored = await withDb(
    async (db) =>
      (
        await db.query(
          `select c.phone, c.consent_sms, p.name, p.species from public.clients c join public.pets p on p.client_id = c.id
         where c.full_name = $1`,
          [name],
        )
      ).rows,
  );
  expect(stored).toEqual([{ phone: '+44 20 7946 0199', consent_sms: true, name: 'Sprout', species: 'cat' }]);
});

test('bad input is refused field by field and everything typed stays, with or without JavaScript', async ({
  browser,
}) => {
  for (const javaScriptEnabled of [true, false]) {
    const page = await (await deviceContext(browser, { javaScriptEnabled })).newPage();
    await signInTo(page, 'staff@happypaws.test', `${base}/clients/new`);
    const name = `Kept Values ${unique()}`;
    await page.getByLabel('Full name').fill(name);
    await page.getByLabel('E-mail').fill('not-an-address');
    const rows = page.getByTestId('pet-row');
    await rows.nth(0).getByLabel('Name').fill('Biscotti');
    await rows.nth(0).getByLabel('Microchip').fill('12');
    await page.getByRole('button', { name: 'Add another pet' }).click();
    await rows.nth(1).getByLabel('Breed').fill('Beagle');
    await page.getByRole('button', { name: 'Save client' }).click();

    await expect(page.getByText('Enter an e-mail address like name@example.com.')).toBeVisible();
    await expect(rows.nth(0).getByText('A microchip number has 9 to 15 letters or digits.')).toBeVisible();
    await expect(rows.nth(1).getByText('Enter the pet’s name.')).toBeVisible();
    await expect(page.getByLabel('Full name')).toHaveValue(name);
    await expect(page.getByLabel('E-mail')).toHaveValue('not-an-address');
    await expect(page.getByLabel('E-mail')).toHaveAttribute('aria-invalid', 'true');
    await expect(rows.nth(0).getByLabel('Name')).toHaveValue('Biscotti');
    await expect(rows.nth(0).getByLabel('Microchip')).toHaveValue('12');
    await expect(rows.nth(1).getByLabel('Breed')).toHaveValue('Beagle');
    if (javaScriptEnabled) await page.screenshot({ path: `${shots}/staff-clients-new-errors.png`, fullPage: true });
    const saved = await withDb(
      async (db) =>
        (await db.query('select count(*)::int as n from public.clients where full_name = $1', [name])).rows[0].n,
    );
    expect(saved).toBe(0);
    await page.context().close();
  }
});

test('staff edit a client and a pet’s care instructions; a bad weight keeps what was typed', async ({ browser }) => {
  const page = await (await deviceContext(browser)).newPage();
  await signInTo(page, 'staff@happypaws.test', `${base}/clients/new`);
  const name = `Edit Me ${unique()}`;
  await page.getByLabel('Full name').fill(name);
  await page.getByTestId('pet-row').getByLabel('Name').fill('Noodle');
  await page.getByRole('button', { name: 'Save client' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);

  await page.getByLabel('Phone').fill('+44 1632 960000');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status')).toHaveText('Changes saved.');
  await page.reload();
  await expect(page.getByLabel('Phone')).toHaveValue('+44 1632 960000');

  await page.getByTestId('client-pets').getByRole('link', { name: 'Noodle' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Noodle');
  await page.getByLabel('Medication').fill('Half a tablet at breakfast');
  await page.getByLabel('Weight (kg)').fill('heavy');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('Enter the weight in kg, like 12.5.')).toBeVisible();
  await expect(page.getByLabel('Medication')).toHaveValue('Half a tablet at breakfast');
  await page.getByLabel('Weight (kg)').fill('8.4');
  await page.getByLabel('Active (shown in the scanner’s search)').uncheck();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Noodle (inactive)');
  const pet = await withDb(
    async (db) =>
      (
        await db.query(
          `select medication, weight_kg::text, is_active from public.pets p join public.clients c on c.id = p.client_id where c.full_name = $1`,
          [name],
        )
      ).rows[0],
  );
  expect(pet).toEqual({ medication: 'Half a tablet at breakfast', weight_kg: '8.40', is_active: false });
});

test('a tag registered on the pet page by a reader typing its number checks the pet in on /scan', async ({
  browser,
}) => {
  const context = await deviceContext(browser);
  const page = await context.newPage();
  await signInTo(page, 'staff@happypaws.test', `${base}/clients/new`);
  await page.getByLabel('Full name').fill(`Tag Owner ${unique()}`);
  await page.getByTestId('pet-row').getByLabel('Name').fill('Sprocket');
  await page.getByRole('button', { name: 'Save client' }).click();
  await page.getByTestId('client-pets').getByRole('link', { name: 'Sprocket' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sprocket');
  const petId = page.url().split('/').at(-1)!;

  // A USB reader types the serial number in its own shape and presses Enter.
  const bytes = Array.from({ length: 7 }, () =>
    Math.floor(Math.random() * 256)
      .toString(16)
      .padStart(2, '0'),
  );
  await page.getByLabel('Register a tag').fill(bytes.join('').toUpperCase());
  await page.getByLabel('Register a tag').press('Enter');
  const uid = bytes.join(':');
  await expect(page.getByRole('status')).toHaveText(`Tag ${uid} registered to Sprocket.`);
  await expect(page.getByTestId('pet-tags').locator(`[data-uid="${uid}"]`)).toContainText('NFC · active');

  // A tag another pet wears is refused, and the typed number stays.
  await page.getByLabel('Register a tag').fill(demo.rex.uid);
  await page.getByRole('button', { name: 'Register' }).click();
  await expect(page.getByText(`Tag ${demo.rex.uid} is already worn by another pet.`)).toBeVisible();
  await expect(page.getByLabel('Register a tag')).toHaveValue(demo.rex.uid);
  await page.screenshot({ path: `${shots}/staff-pet-detail.png`, fullPage: true });

  const scanner = await context.newPage();
  await scanner.goto(`${base}/scan`);
  await expect(scanner.locator('[data-ready="true"]')).toBeVisible();
  await scanner.getByLabel('Tag number').fill(uid);
  await scanner.getByRole('button', { name: 'Check in' }).click();
  await expect(scanner.getByTestId('scan-result')).toContainText('Sprocket');

  // Deactivated, the tag stays listed but no longer finds anyone.
  await page.getByRole('button', { name: `Deactivate tag ${uid}` }).click();
  await expect(page.getByTestId('pet-tags').locator(`[data-uid="${uid}"]`)).toContainText('NFC · inactive');
  const active = await withDb(
    async (db) =>
      (await db.query('select active from public.pet_tags where pet_id = $1 and uid = $2', [petId, uid])).rows[0]
        .active,
  );
  expect(active).toBe(false);
  await scanner.getByLabel('Tag number').fill(uid);
  await scanner.getByRole('button', { name: 'Check in' }).click();
  await expect(scanner.getByRole('alert')).toContainText(`No pet wears tag ${uid}`);
  await context.close();
});

test('a new QR tag prints as a QR label, and a written NFC tag is registered by its serial number', async ({
  browser,
}) => {
  const page = await (await deviceContext(browser)).newPage();
  await signInTo(page, 'staff@happypaws.test', `${base}/clients/new`);
  await page.getByLabel('Full name').fill(`QR Owner ${unique()}`);
  await page.getByTestId('pet-row').getByLabel('Name').fill('Widget');
  await page.getByRole('button', { name: 'Save client' }).click();
  await page.getByTestId('client-pets').getByRole('link', { name: 'Widget' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Widget');
  const petPath = new URL(page.url()).pathname;

  await page.getByRole('button', { name: 'New QR tag' }).click();
  const qrTag = page.getByTestId('pet-tags').locator('li', { hasText: 'QR · active' });
  await expect(qrTag).toHaveCount(1);
  const token = await qrTag.getAttribute('data-uid');
  expect(token).toMatch(/^qr-[0-9a-f]{16}$/);

  // The fake NDEFReader (tests/e2e/support/fake-nfc.ts) records the write; a tap then reports the serial.
  await page.getByRole('button', { name: 'Write a blank NFC tag' }).click();
  await expect(page.getByText('Hold a blank tag to the back of the phone…')).toBeVisible();
  await expect.poll(() => page.evaluate(() => window.__nfc.scanning())).toBe(1);
  expect(await page.evaluate(() => window.__nfc.written.length)).toBe(1);
  const written = await page.evaluate(() => JSON.stringify(window.__nfc.written[0]));
  expect(written).toContain(petPath);
  await page.evaluate(() =>
    window.__nfc.tap('04:de:ad:be:ef:' + Math.floor(Math.random() * 200 + 16).toString(16) + ':77'),
  );
  await expect(page.getByTestId('pet-tags').locator('li', { hasText: 'NFC · active' })).toHaveCount(1);

  await page.getByRole('link', { name: 'Print QR tags' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('QR tags for Widget');
  const labels = page.getByTestId('qr-labels').locator('li');
  await expect(labels).toHaveCount(2);
  await expect(page.getByRole('img', { name: `QR code for tag ${token}` }).locator('svg')).toBeVisible();
  await page.screenshot({ path: `${shots}/staff-pet-qr-tags.png`, fullPage: true });
});

test('a pet photo uploads to pet-photos/<business>/<pet>/photo.png and shows through a signed link', async ({
  browser,
}) => {
  const page = await (await deviceContext(browser)).newPage();
  await signInTo(page, 'staff@happypaws.test', `${base}/clients/new`);
  await page.getByLabel('Full name').fill(`Photo Owner ${unique()}`);
  await page.getByTestId('pet-row').getByLabel('Name').fill('Pixel');
  await page.getByRole('button', { name: 'Save client' }).click();
  await page.getByTestId('client-pets').getByRole('link', { name: 'Pixel' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pixel');
  const petId = page.url().split('/').at(-1)!;

  await page.getByRole('button', { name: 'Upload photo' }).click();
  await expect(page.getByText('Choose a photo to upload.')).toBeVisible();

  // A 1×1 transparent PNG.
  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
    'base64',
  );
  await page.getByLabel('Add a photo').setInputFiles({ name: 'pixel.png', mimeType: 'image/png', buffer: png });
  await page.getByRole('button', { name: 'Upload photo' }).click();
  await expect(page.getByRole('status')).toHaveText('Photo saved.');
  const photo = page.getByTestId('pet-photo');
  await expect(photo).toHaveAttribute('src', /\/storage\/v1\/object\/sign\/pet-photos\/.+token=/);
  expect(await photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);
  const path = await withDb(
    async (db) => (await db.query('select photo_path from public.pets where id = $1', [petId])).rows[0].photo_path,
  );
  expect(path).toBe(`${demo.happyPaws.id}/${petId}/photo.png`);
});

test('Bark Avenue staff get 404 on Happy Paws client and pet pages', async ({ browser }) => {
  await resetDemoPets();
  const page = await (await deviceContext(browser)).newPage();
  await signInTo(page, 'staff@barkavenue.test', '/b/bark-avenue/clients');
  for (const path of [
    `${base}/clients`,
    `${base}/clients/c1000000-0000-4000-8000-000000000001`,
    `${base}/pets/${demo.rex.petId}`,
    `${base}/pets/${demo.rex.petId}/tags`,
  ]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
  }
  // Their own business does not show Happy Paws' clients either.
  const response = await page.goto(`/b/bark-avenue/clients/c1000000-0000-4000-8000-000000000001`);
  expect(response?.status()).toBe(404);
  const search = await page.goto(`/b/bark-avenue/clients?q=Rex`);
  expect(search?.status()).toBe(200);
  await expect(page.getByText('Nothing matches “Rex”.')).toBeVisible();
});

test('Enter in a field of the new-client form saves the client and keeps every pet, with or without JavaScript', async ({
  browser,
}) => {
  for (const javaScriptEnabled of [true, false]) {
    const page = await (await deviceContext(browser, { javaScriptEnabled })).newPage();
    await signInTo(page, 'staff@happypaws.test', `${base}/clients/new`);
    const name = `Enter Key ${unique()}`;
    await page.getByLabel('Full name').fill(name);
    const rows = page.getByTestId('pet-row');
    await rows.nth(0).getByLabel('Name').fill('Pretzel');
    await rows.nth(0).getByLabel('Breed').press('Enter');

    await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
    await expect(page.getByTestId('client-pets').getByRole('link')).toHaveText(['Pretzel']);
    await page.context().close();
  }
});

test('staff add a pet to an existing client from the client’s page', async ({ browser }) => {
  const page = await (await deviceContext(browser)).newPage();
  await signInTo(page, 'staff@happypaws.test', `${base}/clients/new`);
  const name = `Second Pet ${unique()}`;
  await page.getByLabel('Full name').fill(name);
  await page.getByTestId('pet-row').getByLabel('Name').fill('First');
  await page.getByRole('button', { name: 'Save client' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);

  await page.getByText(`Add a pet for ${name}`).click();
  const form = page.locator('form[action="?/addPet"]');
  await form.getByLabel('Microchip').fill('12');
  await form.getByRole('button', { name: 'Add pet' }).click();
  await expect(page.locator('form[action="?/addPet"]').getByText('Enter the pet’s name.')).toBeVisible();
  await expect(page.locator('form[action="?/addPet"]').getByLabel('Microchip')).toHaveValue('12');

  const again = page.locator('form[action="?/addPet"]');
  await again.getByLabel('Name', { exact: true }).fill('Later');
  await again.getByLabel('Species').selectOption('cat');
  await again.getByLabel('Microchip').fill('');
  await again.getByRole('button', { name: 'Add pet' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Later');
  await expect(page.getByRole('status')).toHaveText('Later added.');
  await page.getByRole('link', { name: `← ${name}` }).click();
  await expect(page.getByTestId('client-pets').getByRole('link')).toHaveText(['First', 'Later']);
  await page.screenshot({ path: `${shots}/staff-client-add-pet.png`, fullPage: true });
});
