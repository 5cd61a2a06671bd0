// Health pages (issue 5 item 6): vaccinations with certificates, the review queue of parents' uploads,
// the medication round, incidents with photos, medical records, and tenancy. The suite works on its own
// pet of Happy Paws (owned by the demo parent, so the parent can upload for it), created here and
// deleted afterwards with everything recorded about it, so other suites' data is untouched.
import { mkdirSync } from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { deviceContext, demo, holdDemoPets, signInTo, staffClient, withDb } from './support/staff.ts';

test.describe.configure({ mode: 'serial' });

const shots = 'test-results/screenshots';
mkdirSync(shots, { recursive: true });

const happy = demo.happyPaws;
const parentClientId = 'c1000000-0000-4000-8000-000000000001';
const rabiesId = '0c000000-0000-4000-8000-000000000001';
const dhppId = '0c000000-0000-4000-8000-000000000002';
const staffId = 'a0000000-0000-4000-8000-000000000002';
const groomingId = 'e1000000-0000-4000-8000-000000000003';
const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const petName = `Hazel ${run}`;
let petId = '';

// The smallest well-formed files of each kind the forms accept.
const pdf = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

// portal-journey.spec.ts unlinks the demo parent for a moment (issue 11): the parent's uploads below wait for it
let demoPets: { release: () => Promise<void> } | undefined;
test.beforeAll(async () => {
  test.setTimeout(300_000);
  demoPets = await holdDemoPets();
  petId = await withDb(async (db) => {
    const pet = await db.query(
      `insert into public.pets (business_id, client_id, name, species, breed, medication)
       values ($1, $2, $3, 'dog', 'Whippet', 'Carprofen 25 mg with breakfast') returning id`,
      [happy.id, parentClientId, petName],
    );
    // triggers were off: the dashboard's aggregates are recomputed for the business
    await db.query('select private.dashboard_rebuild($1)', [happy.id]);
    const id: string = pet.rows[0].id;
    // In care today: a checked-in booking made directly (the check-in flow has its own suite).
    await db.query('begin');
    await db.query('set local session_replication_role = replica');
    await db.query(
      `insert into public.bookings (business_id, service_id, pet_id, client_id, starts_at, ends_at, status)
       values ($1, $2, $3, $4, now() - interval '1 hour', now() + interval '3 hours', 'checked_in')`,
      [happy.id, groomingId, id, parentClientId],
    );
    await db.query('commit');
    return id;
  });
});

test.afterAll(async () => {
  if (!petId) return demoPets?.release();
  await withDb(async (db) => {
    // The files go with the pet: storage rows are removed here, their bytes stay in the stack's data folder.
    await db.query(`delete from storage.objects where name like $1`, [`${happy.id}/${petId}/%`]);
    await db.query('delete from public.pets where id = $1', [petId]);
  });
  await demoPets?.release();
});

async function staffPage(browser: Browser, email: string, path: string) {
  const context = await deviceContext(browser);
  const page = await context.newPage();
  await signInTo(page, email, path);
  return { context, page };
}

async function healthOf(page: Page) {
  return page.goto(`/b/${happy.slug}/health/pets/${petId}`);
}

test('staff add a vaccination with a PDF certificate and see it valid, with the certificate one click away', async ({
  browser,
}) => {
  const { context, page } = await staffPage(browser, 'staff@happypaws.test', `/b/${happy.slug}/health`);
  await page.screenshot({ path: `${shots}/health.png`, fullPage: true });
  await page.getByRole('link', { name: petName }).click();
  await expect(page.getByRole('heading', { name: `${petName}’s health` })).toBeVisible();
  await expect(page.getByTestId('vaccinations')).toContainText('No vaccinations recorded.');

  // A bad expiry is refused on its field and what was typed stays.
  const form = page.locator('form[action="?/addVaccination"]');
  await form.getByLabel('Vaccine').selectOption(rabiesId);
  await form.getByLabel('Given on').fill('2026-01-10');
  await form.getByLabel('Expires on').fill('2026-01-01');
  await form.getByLabel('Batch number').fill(`RB-${run}`);
  await form.getByRole('button', { name: 'Save vaccination' }).click();
  await expect(form.getByText('The expiry must be after the date it was given.')).toBeVisible();
  await expect(form.getByLabel('Batch number')).toHaveValue(`RB-${run}`);

  // Expiry left empty: Rabies is valid for 365 days from the day it was given.
  const given = await page.locator('#field-administered_on').getAttribute('max');
  await form.getByLabel('Given on').fill(given!);
  await form.getByLabel('Expires on').fill('');
  await form.getByLabel('Certificate').setInputFiles({ name: 'rabies.pdf', mimeType: 'application/pdf', buffer: pdf });
  await form.getByRole('button', { name: 'Save vaccination' }).click();
  await expect(page.getByText(/Rabies recorded, valid until \w{3} \d{1,2} \w{3} \d{4}\./)).toBeVisible();

  const row = page.locator(`[data-testid="vaccination"][data-batch="RB-${run}"]`);
  await expect(row.getByTestId('standing')).toHaveText('Valid');
  await expect(row).toContainText('Staff');
  const link = await row.getByRole('link', { name: 'View certificate' }).getAttribute('href');
  const download = await page.request.get(link!);
  expect(download.status()).toBe(200);
  expect((await download.body()).subarray(0, 5).toString()).toBe('%PDF-');

  const stored = await withDb(
    async (db) =>
      (
        await db.query(
          'select document_path, source, expires_on - administered_on as days from public.vaccinations where pet_id = $1',
          [petId],
        )
      ).rows,
  );
  expect(stored).toEqual([
    {
      document_path: expect.stringMatching(new RegExp(`^${happy.id}/${petId}/vaccinations/[0-9a-f-]{36}\\.pdf$`)),
      source: 'staff',
      days: 365,
    },
  ]);
  await page.screenshot({ path: `${shots}/health-pet.png`, fullPage: true });
  await context.close();
});

test('a parent’s upload waits in the review queue; verifying removes it and refusing needs a reason', async ({
  browser,
}) => {
  // The parent submits two certificates through the REST API, as the portal would.
  const { client: parent } = await staffClient('parent@happypaws.test');
  const path = `${happy.id}/${petId}/vaccinations/${crypto.randomUUID()}.pdf`;
  const upload = await parent.storage.from('documents').upload(path, pdf, { contentType: 'application/pdf' });
  expect(upload.error).toBeNull();
  const submitted = await parent
    .from('vaccinations')
    .insert([
      {
        business_id: happy.id,
        pet_id: petId,
        vaccine_type_id: dhppId,
        administered_on: '2026-10-01',
        expires_on: '2027-10-01',
        batch: `P1-${run}`,
        source: 'parent',
        document_path: path,
      },
      {
        business_id: happy.id,
        pet_id: petId,
        vaccine_type_id: dhppId,
        administered_on: '2026-10-02',
        expires_on: '2027-10-02',
        batch: `P2-${run}`,
        source: 'parent',
      },
    ])
    .select('id, batch');
  expect(submitted.error).toBeNull();

  const { context, page } = await staffPage(browser, 'staff@happypaws.test', `/b/${happy.slug}/health/review`);
  const first = page.locator(`[data-testid="review-item"][data-batch="P1-${run}"]`);
  const second = page.locator(`[data-testid="review-item"][data-batch="P2-${run}"]`);
  await expect(first).toContainText('Jordan Parker');
  const certificate = await first.getByRole('link', { name: 'Open certificate' }).getAttribute('href');
  expect((await page.request.get(certificate!)).status()).toBe(200);
  await expect(second).toContainText('No certificate attached');
  await page.screenshot({ path: `${shots}/health-review.png`, fullPage: true });

  await first.getByRole('button', { name: /^Verify/ }).click();
  await expect(page.getByText('Vaccination verified.')).toBeVisible();
  await expect(first).toHaveCount(0);

  await second.getByRole('button', { name: 'Refuse' }).click();
  await expect(second.getByText('Enter why the certificate is refused.')).toBeVisible();
  await second.getByLabel(/Reason for refusing/).fill('No certificate attached; please upload the vet’s PDF.');
  await second.getByRole('button', { name: 'Refuse' }).click();
  await expect(page.getByText('Certificate refused; the parent will see why.')).toBeVisible();
  await expect(second).toHaveCount(0);

  const reviewed = await withDb(
    async (db) =>
      (
        await db.query(
          `select batch, verified_by, verified_at is not null as verified, rejected_by, rejection_reason
           from public.vaccinations where pet_id = $1 and source = 'parent' order by batch`,
          [petId],
        )
      ).rows,
  );
  expect(reviewed).toEqual([
    { batch: `P1-${run}`, verified_by: staffId, verified: true, rejected_by: null, rejection_reason: null },
    {
      batch: `P2-${run}`,
      verified_by: null,
      verified: false,
      rejected_by: staffId,
      rejection_reason: 'No certificate attached; please upload the vet’s PDF.',
    },
  ]);

  // The pet's page shows the outcome of each.
  await healthOf(page);
  await expect(page.locator(`[data-batch="P1-${run}"]`)).toContainText('Verified');
  await expect(page.locator(`[data-batch="P2-${run}"]`)).toContainText('Refused: No certificate attached');
  await context.close();
});

test('the review queue works without JavaScript, as plain form posts', async ({ browser }) => {
  const { client: parent } = await staffClient('parent@happypaws.test');
  const batch = `P3-${run}`;
  const submitted = await parent.from('vaccinations').insert({
    business_id: happy.id,
    pet_id: petId,
    vaccine_type_id: rabiesId,
    administered_on: '2026-10-03',
    expires_on: '2027-10-03',
    batch,
    source: 'parent',
  });
  expect(submitted.error).toBeNull();

  const context = await deviceContext(browser, { javaScriptEnabled: false });
  const page = await context.newPage();
  await signInTo(page, 'staff@happypaws.test', `/b/${happy.slug}/health/review`);
  const item = page.locator(`[data-testid="review-item"][data-batch="${batch}"]`);
  await item.getByLabel(/Reason for refusing/).fill('Dates do not match the vet’s records.');
  await item.getByRole('button', { name: 'Refuse' }).click();
  await expect(page.getByText('Certificate refused; the parent will see why.')).toBeVisible();
  await expect(item).toHaveCount(0);
  await context.close();
});

test('staff log a dose for a checked-in pet; it shows under today’s round as given by them', async ({ browser }) => {
  const { context, page } = await staffPage(browser, 'staff@happypaws.test', `/b/${happy.slug}/health/medication`);
  const card = page.locator(`[data-testid="medication-pet"][data-pet="${petName}"]`);
  await expect(card).toContainText('Instructions: Carprofen 25 mg with breakfast');
  await expect(card).toContainText('No doses yet today.');

  // Spaces pass the browser's required check; the server refuses them and keeps the rest.
  await page.getByLabel('Pet').selectOption({ label: petName });
  await page.getByLabel('Medication').fill('   ');
  await page.getByLabel('Dose', { exact: true }).fill('25 mg');
  await page.getByRole('button', { name: 'Log dose' }).click();
  await expect(page.getByText('Enter the medication.')).toBeVisible();
  await expect(page.getByLabel('Dose', { exact: true })).toHaveValue('25 mg');

  await page.getByLabel('Medication').fill('Carprofen');
  await page.getByRole('button', { name: 'Log dose' }).click();
  await expect(page.getByText(`25 mg of Carprofen logged for ${petName}.`)).toBeVisible();
  await expect(card.getByTestId('dose')).toContainText('Carprofen');
  await expect(card.getByTestId('dose')).toContainText('by you');
  await page.screenshot({ path: `${shots}/health-medication.png`, fullPage: true });

  const doses = await withDb(
    async (db) =>
      (
        await db.query(
          `select medication, dose, given_by, booking_id is not null as in_stay, now() - given_at < interval '1 minute' as just_now
           from public.medication_logs where pet_id = $1`,
          [petId],
        )
      ).rows,
  );
  expect(doses).toEqual([{ medication: 'Carprofen', dose: '25 mg', given_by: staffId, in_stay: true, just_now: true }]);
  await context.close();
});

test('staff record an incident with a photo, then mark the parent notified', async ({ browser }) => {
  const { context, page } = await staffPage(browser, 'staff@happypaws.test', `/b/${happy.slug}/health/incidents`);
  const kind = `Scratch ${run}`;
  await page.getByLabel('Pet').selectOption({ label: `${petName} (Jordan Parker)` });
  await page.getByLabel('What kind').fill(kind);
  await page.getByLabel('Severity').selectOption('medium');
  await page.getByLabel('What happened').fill('  ');
  // The browser refuses a file of the wrong kind as soon as it is chosen; the server then checks the rest.
  await page.getByLabel('Photos').setInputFiles({ name: 'note.txt', mimeType: 'text/plain', buffer: Buffer.from('x') });
  await expect(page.getByText('Choose a JPEG, PNG or WebP file.')).toBeVisible();
  await page.getByLabel('Photos').setInputFiles({ name: 'ear.png', mimeType: 'image/png', buffer: png });
  await page.getByRole('button', { name: 'Save incident' }).click();
  await expect(page.getByText('Enter what happened.')).toBeVisible();
  await expect(page.getByLabel('What kind')).toHaveValue(kind);

  await page.getByLabel('What happened').fill('Small scratch on the left ear during play; cleaned.');
  await page.getByLabel('Photos').setInputFiles({ name: 'ear.png', mimeType: 'image/png', buffer: png });
  await page.getByRole('button', { name: 'Save incident' }).click();
  await expect(page.getByText(`Incident recorded for ${petName}.`)).toBeVisible();

  const incident = page.locator(`[data-testid="incident"][data-kind="${kind}"]`);
  const photo = incident.getByRole('img');
  await expect(photo).toHaveAttribute('alt', new RegExp(`Photo 1 of ${petName}`));
  await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
  await expect(incident.getByTestId('notified')).toHaveCount(0);

  await incident.getByRole('button', { name: /Mark .* parent notified/ }).click();
  await expect(incident.getByTestId('notified')).toContainText('Parent notified');
  await page.screenshot({ path: `${shots}/health-incidents.png`, fullPage: true });

  const stored = await withDb(
    async (db) =>
      (
        await db.query(
          'select severity, photos, parent_notified_at is not null as notified from public.incidents where pet_id = $1',
          [petId],
        )
      ).rows,
  );
  expect(stored).toEqual([
    {
      severity: 'medium',
      photos: [expect.stringMatching(new RegExp(`^${happy.id}/${petId}/incidents/[0-9a-f-]{36}/[0-9a-f-]{36}\\.png$`))],
      notified: true,
    },
  ]);
  await context.close();
});

test('staff add a medical record with a document', async ({ browser }) => {
  const { context, page } = await staffPage(browser, 'staff@happypaws.test', `/b/${happy.slug}/health/pets/${petId}`);
  const form = page.locator('form[action="?/addRecord"]');
  await form.getByLabel('Kind').selectOption('allergy');
  await form.getByLabel('Title').fill('Chicken allergy');
  await form.getByLabel('Diagnosis').fill('Itchy skin after chicken treats');
  await form.getByLabel('Documents').setInputFiles({ name: 'allergy.pdf', mimeType: 'application/pdf', buffer: pdf });
  await form.getByRole('button', { name: 'Save record' }).click();
  await expect(page.getByText('Chicken allergy added.')).toBeVisible();
  const record = page.getByTestId('record').filter({ hasText: 'Chicken allergy' });
  await expect(record).toContainText('Diagnosis: Itchy skin after chicken treats');
  const doc = await record.getByRole('link', { name: 'Document 1' }).getAttribute('href');
  expect((await page.request.get(doc!)).status()).toBe(200);
  await context.close();
});

test('a vaccination given in 1900 or in the future is refused beside its date, and given-on starts at today', async ({
  browser,
}) => {
  const { context, page } = await staffPage(browser, 'staff@happypaws.test', `/b/${happy.slug}/health/pets/${petId}`);
  const before = await vaccinationCount();
  const form = page.locator('form[action="?/addVaccination"]');
  const given = form.getByLabel('Given on');
  const today = await given.getAttribute('max');
  await expect(given).toHaveValue(today!);
  for (const [date, message] of [
    ['1900-01-01', 'The date it was given must be within the last 30 years.'],
    ['2999-01-01', 'The date it was given cannot be in the future.'],
  ]) {
    await form.getByLabel('Vaccine').selectOption(dhppId);
    await form.getByLabel('Given on').fill(date);
    await form.getByRole('button', { name: 'Save vaccination' }).click();
    await expect(page.locator('form[action="?/addVaccination"]').getByText(message)).toBeVisible();
  }
  expect(await vaccinationCount()).toBe(before);
  await context.close();
});

/** A file of `megabytes` MB whose first bytes are `head` and the rest zeros. */
function sized(head: string | Buffer, megabytes: number): Buffer {
  const file = Buffer.alloc(megabytes * 1048576);
  (typeof head === 'string' ? Buffer.from(head) : head).copy(file);
  return file;
}

async function vaccinationCount(): Promise<number> {
  return withDb(
    async (db) =>
      (await db.query('select count(*)::int as n from public.vaccinations where pet_id = $1', [petId])).rows[0].n,
  );
}

test('a 30 MB certificate is refused in the browser beside its field, with the limit stated and nothing typed lost', async ({
  browser,
}) => {
  test.setTimeout(240_000); // tens of megabytes through the browser on a small shared machine
  const { context, page } = await staffPage(browser, 'staff@happypaws.test', `/b/${happy.slug}/health/pets/${petId}`);
  const before = await vaccinationCount();
  const form = page.locator('form[action="?/addVaccination"]');
  await expect(form.getByText('PDF, PNG or JPEG, up to 20 MB.')).toBeVisible();
  await form.getByLabel('Vaccine').selectOption(dhppId);
  await form.getByLabel('Batch number').fill(`BIG-${run}`);
  await form
    .getByLabel('Certificate')
    .setInputFiles({ name: 'scan.pdf', mimeType: 'application/pdf', buffer: sized('%PDF-1.4\n', 30) });
  await expect(form.getByText('The file is 30 MB; the limit is 20 MB.')).toBeVisible();
  await form.getByRole('button', { name: 'Save vaccination' }).click();
  await expect(form.getByLabel('Batch number')).toHaveValue(`BIG-${run}`);
  await expect(page.getByRole('heading', { name: `${petName}’s health` })).toBeVisible();
  await page.screenshot({ path: `${shots}/health-pet-too-large.png`, fullPage: true });
  expect(await vaccinationCount()).toBe(before);
  await context.close();
});

test('a 30 MB certificate posted without JavaScript brings the form back with a message, not a bare error page', async ({
  browser,
}) => {
  test.setTimeout(240_000); // tens of megabytes through the browser on a small shared machine
  const context = await deviceContext(browser, { javaScriptEnabled: false });
  const page = await context.newPage();
  await signInTo(page, 'staff@happypaws.test', `/b/${happy.slug}/health/pets/${petId}`);
  const before = await vaccinationCount();
  const form = page.locator('form[action="?/addVaccination"]');
  await form.getByLabel('Vaccine').selectOption(dhppId);
  await form
    .getByLabel('Certificate')
    .setInputFiles({ name: 'scan.pdf', mimeType: 'application/pdf', buffer: sized('%PDF-1.4\n', 30) });
  await form.getByRole('button', { name: 'Save vaccination' }).click();
  await expect(page.getByRole('heading', { name: `${petName}’s health` })).toBeVisible();
  await expect(page.locator('form[action="?/addVaccination"]').getByText(/too large to receive/)).toBeVisible();
  expect(await vaccinationCount()).toBe(before);
  await context.close();
});

test('a text file named .pdf and a junk PNG are refused as certificates by what their bytes are', async ({
  browser,
}) => {
  test.setTimeout(240_000); // tens of megabytes through the browser on a small shared machine
  const fakes = [
    { name: 'letter.pdf', mimeType: 'application/pdf', buffer: Buffer.from('Dear vet, please find attached…') },
    { name: 'junk.png', mimeType: 'image/png', buffer: sized('not a png at all', 12) },
  ];
  for (const javaScriptEnabled of [false, true]) {
    const context = await deviceContext(browser, { javaScriptEnabled });
    const page = await context.newPage();
    await signInTo(page, 'staff@happypaws.test', `/b/${happy.slug}/health/pets/${petId}`);
    const before = await vaccinationCount();
    for (const fake of fakes) {
      const form = page.locator('form[action="?/addVaccination"]');
      await form.getByLabel('Vaccine').selectOption(dhppId);
      await form.getByLabel('Certificate').setInputFiles(fake);
      await form.getByRole('button', { name: 'Save vaccination' }).click();
      await expect(
        page.locator('form[action="?/addVaccination"]').getByText(/not a real PDF, PNG or JPEG file/),
        `${fake.name}, JavaScript ${javaScriptEnabled ? 'on' : 'off'}`,
      ).toBeVisible();
    }
    expect(await vaccinationCount()).toBe(before);
    await context.close();
  }
});

test('Bark Avenue staff get 404 for Happy Paws health pages, whichever slug they try', async ({ browser }) => {
  const { context, page } = await staffPage(browser, 'staff@barkavenue.test', '/b/bark-avenue/health');
  await expect(page.getByRole('heading', { name: 'Health', exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: petName })).toHaveCount(0);
  for (const path of [
    `/b/${happy.slug}/health`,
    `/b/${happy.slug}/health/review`,
    `/b/${happy.slug}/health/pets/${petId}`,
    `/b/bark-avenue/health/pets/${petId}`,
  ]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
  }
  await context.close();
});
