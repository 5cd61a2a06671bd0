// The partners page (issue 13 item 4 and the review queue of item 5): an owner adds a partner with its contact,
// generates a webhook secret that is shown once (two active at most, then revokes one); a delivery the webhook
// parked (a microchip no pet wears) is listed with its reason and staff land it on the pet they pick, verified
// with the partner as source, or dismiss another with a reason. Every row these tests make is unique and
// removed afterwards; Rex and Luna are never touched.
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { startFhirFake } from '../support/fhir-fake.ts';
import { deviceContext, demo, signInTo, withDb } from './support/staff.ts';

// several page loads and form posts per test, on a machine the whole test stack shares
test.describe.configure({ mode: 'serial', timeout: 90_000 });

const shots = 'test-results/screenshots';
mkdirSync(shots, { recursive: true });
const base = `/b/${demo.happyPaws.slug}`;
const RIVERSIDE_VET = '0b100000-0000-4000-8000-000000000003';
const tag = randomUUID().slice(0, 8);
const partnerName = `E2E Vets ${tag}`;
const petName = `Pip ${tag}`;
const chip = `9${Date.now().toString().slice(-14)}`.slice(0, 15);
const messageIds = [`e2e-${tag}-a`, `e2e-${tag}-b`];

function record(microchip: string) {
  const today = new Date().toISOString().slice(0, 10);
  const next = new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);
  return { microchip, vaccine: { name: 'Rabies' }, administered_on: today, expires_on: next, batch: `E2E-${tag}` };
}

test.beforeAll(async () => {
  await withDb(async (db) => {
    // a pet without a microchip, and two deliveries parked by the webhook's own rpc (no pet wears the chip)
    const client = await db.query(`insert into public.clients (business_id, full_name) values ($1, $2) returning id`, [
      demo.happyPaws.id,
      `E2E Owner ${tag}`,
    ]);
    await db.query(`insert into public.pets (business_id, client_id, name, species) values ($1, $2, $3, 'dog')`, [
      demo.happyPaws.id,
      client.rows[0].id,
      petName,
    ]);
    for (const id of messageIds)
      await db.query(`select public.receive_partner_event($1, $2, 'vaccination.recorded.v1', $3)`, [
        RIVERSIDE_VET,
        id,
        record(chip),
      ]);
  });
});

test.afterAll(async () => {
  await withDb(async (db) => {
    await db.query(`delete from public.vaccinations where batch = $1`, [`E2E-${tag}`]);
    await db.query(`delete from public.partner_events where message_id = any($1)`, [messageIds]);
    await db.query(`delete from public.clients where full_name = $1`, [`E2E Owner ${tag}`]);
    await db.query(`delete from public.partners where name = $1`, [partnerName]);
  });
});

test('an owner adds a partner, and a new webhook secret is shown once', async ({ browser }) => {
  const page = await (await deviceContext(browser)).newPage();
  await signInTo(page, 'owner@happypaws.test', `${base}/partners`);
  await page.getByText('Add a partner').click();
  const form = page.locator('form[action="?/add"]');
  await form.getByLabel('Name').fill(partnerName);
  await form.getByLabel('Kind').selectOption('vet');
  await form.getByLabel('E-mail').fill('not-an-address');
  await form.getByLabel('Website').fill('greenvalley.example');
  await form.getByRole('button', { name: 'Add partner' }).click();
  // bad input is refused beside its field, and nothing typed is lost
  await expect(form.getByText('Enter an e-mail address like name@example.com.')).toBeVisible();
  await expect(form.getByText(/Enter a full web address starting with https:\/\//)).toBeVisible();
  await expect(form.getByLabel('Name')).toHaveValue(partnerName);
  await form.getByLabel('E-mail').fill('records@e2e.example');
  await form.getByLabel('Website').fill('https://e2e.example');
  await form.getByLabel('Phone').fill('+44 20 7946 0999');
  await form.getByLabel('Phone').press('Enter');

  await expect(page.getByRole('heading', { level: 1 })).toHaveText(partnerName);
  await expect(page.getByText('Partner added.')).toBeVisible();
  const partnerId = page.url().split('/partners/')[1].split('?')[0];
  await expect(page.getByLabel('Webhook URL')).toHaveValue(new RegExp(`/functions/v1/partner-webhook/${partnerId}$`));
  await expect(page.getByText('No secrets yet')).toBeVisible();

  await page.getByRole('button', { name: 'Generate a secret' }).click();
  const shown = page.getByLabel('Signing secret');
  await expect(shown).toHaveValue(/^whsec_[A-Za-z0-9+/]{43}=$/);
  const secret = await shown.inputValue();
  const stored = await withDb(
    async (db) =>
      (await db.query(`select secret from public.partner_credentials where partner_id = $1`, [partnerId])).rows,
  );
  expect(stored.map((r) => r.secret)).toEqual([secret]);
  await page.screenshot({ path: `${shots}/staff-partner-secret.png`, fullPage: true });

  // shown once: a fresh load of the page never shows it again
  await page.goto(`${base}/partners/${partnerId}`);
  await expect(page.getByLabel('Signing secret')).toHaveCount(0);
  expect(await page.content()).not.toContain(secret);
  await expect(page.getByTestId('secrets').getByRole('listitem')).toHaveCount(1);

  // a second for rotation; then no third, until one is revoked
  await page.getByRole('button', { name: 'Generate a secret' }).click();
  await expect(page.getByLabel('Signing secret')).toHaveValue(/^whsec_/);
  await expect(page.getByRole('button', { name: 'Generate a secret' })).toBeDisabled();
  await expect(page.getByText('Two secrets are active')).toBeVisible();
  await page
    .getByRole('button', { name: /^Revoke/ })
    .first()
    .click();
  await expect(page.getByTestId('secrets')).toContainText('revoked');
  await expect(page.getByRole('button', { name: 'Generate a secret' })).toBeEnabled();
});

test('staff read partners but cannot add or change them', async ({ browser }) => {
  const page = await (await deviceContext(browser)).newPage();
  await signInTo(page, 'staff@happypaws.test', `${base}/partners`);
  await expect(page.getByTestId('partners').getByRole('link', { name: 'Riverside Vet' })).toBeVisible();
  await expect(page.getByText('Add a partner')).toHaveCount(0);
  await page.getByTestId('partners').getByRole('link', { name: 'Riverside Vet' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Riverside Vet');
  await expect(page.getByRole('button', { name: 'Generate a secret' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Save changes' })).toHaveCount(0);
  await expect(page.getByTestId('deliveries')).toContainText('Waiting for review');
});

test('staff land a parked delivery on the pet they pick, and dismiss another with a reason', async ({ browser }) => {
  const page = await (await deviceContext(browser)).newPage();
  await signInTo(page, 'staff@happypaws.test', `${base}/partners`);
  const queue = page.getByTestId('review-queue');
  const parked = queue.getByTestId('parked-delivery').filter({ hasText: `microchip ${chip}` });
  await expect(parked).toHaveCount(2);
  await expect(parked.first()).toContainText(`no pet of this business has microchip ${chip}`);
  await expect(parked.first()).toContainText('From Riverside Vet');
  await page.screenshot({ path: `${shots}/staff-partners-queue.png`, fullPage: true });

  // no pet chosen: a message beside the list
  await parked.first().getByRole('button', { name: 'Land on this pet' }).click();
  await expect(parked.first().getByText('Choose the pet this record belongs to.')).toBeVisible();

  const petOption = await parked
    .first()
    .getByLabel('Pet it belongs to')
    .locator('option', { hasText: petName })
    .getAttribute('value');
  await parked.first().getByLabel('Pet it belongs to').selectOption(petOption!);
  await parked.first().getByRole('button', { name: 'Land on this pet' }).click();
  await expect(page.getByText('The record landed on the pet, verified.')).toBeVisible();
  await expect(parked).toHaveCount(1);

  const landed = await withDb(
    async (db) =>
      (
        await db.query(
          `select v.source, v.partner_id, v.verified_at is not null as verified, vt.name, e.outcome
           from public.vaccinations v join public.vaccine_types vt on vt.id = v.vaccine_type_id
           join public.pets p on p.id = v.pet_id
           join public.partner_events e on e.message_id = $2
           where p.name = $1`,
          [petName, messageIds[0]],
        )
      ).rows,
  );
  expect(landed).toEqual([
    { source: 'partner', partner_id: RIVERSIDE_VET, verified: true, name: 'Rabies', outcome: 'landed' },
  ]);

  // dismiss: a reason is required, then the delivery leaves the queue
  await parked.first().getByRole('button', { name: 'Dismiss' }).click();
  await expect(parked.first().getByText('Say why the delivery is dismissed.')).toBeVisible();
  await parked.first().getByLabel('Reason to dismiss').fill('Duplicate of the record we landed');
  await parked.first().getByLabel('Reason to dismiss').press('Enter');
  await expect(page.getByText('The delivery was dismissed.')).toBeVisible();
  await expect(parked).toHaveCount(0);
  const dismissed = await withDb(
    async (db) =>
      (await db.query(`select outcome, reason from public.partner_events where message_id = $1`, [messageIds[1]])).rows,
  );
  expect(dismissed).toEqual([{ outcome: 'dismissed', reason: 'Duplicate of the record we landed' }]);
});

test('a pet’s preferred vet and food brand are chosen from partners of that kind', async ({ browser }) => {
  const petId = await withDb(
    async (db) => (await db.query(`select id from public.pets where name = $1`, [petName])).rows[0].id as string,
  );
  const page = await (await deviceContext(browser)).newPage();
  await signInTo(page, 'staff@happypaws.test', `${base}/pets/${petId}`);
  const vet = page.getByLabel('Preferred vet');
  const food = page.getByLabel('Food brand');
  // only vets among the vets, only food brands among the brands
  await expect(vet.locator('option')).toContainText(['None', 'Green Valley Vets', 'Riverside Vet']);
  await expect(vet.locator('option', { hasText: 'Waggle Foods' })).toHaveCount(0);
  await expect(food.locator('option')).toHaveText(['None', 'Waggle Foods']);
  await vet.selectOption({ label: 'Riverside Vet' });
  await food.selectOption({ label: 'Waggle Foods' });
  await page.getByRole('button', { name: 'Save vet and food' }).click();
  await expect(page.getByText('Vet and food brand saved.')).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Preferred vet')).toHaveValue(RIVERSIDE_VET);
  const saved = await withDb(
    async (db) =>
      (await db.query(`select preferred_vet_id, preferred_food_brand_id from public.pets where id = $1`, [petId]))
        .rows[0],
  );
  expect(saved).toEqual({
    preferred_vet_id: RIVERSIDE_VET,
    preferred_food_brand_id: '0b100000-0000-4000-8000-000000000002',
  });
});

test('staff sync a vet’s FHIR records on demand and follow its progress', async ({ browser }) => {
  const GREEN_VALLEY = '0b100000-0000-4000-8000-000000000001';
  const fhir = await startFhirFake();
  // a slow vet, so the progress shows; Rex's record names a vaccine the catalogue lacks, so it parks (no
  // vaccination is written to the shared demo)
  fhir.fake.faults = { delayMs: 400 };
  fhir.fake.patients = [
    { id: `rex-${tag}`, identifier: [{ system: 'urn:iso:std:iso:11784', value: '826098100000001' }] },
  ];
  fhir.fake.immunizations = [
    { id: `lepto-${tag}`, patient: `rex-${tag}`, text: 'Leptospirosis', occurrence: '2026-11-01' },
  ];
  const original = await withDb(async (db) => {
    const row = (
      await db.query('select api_base_url, sync_status, last_synced_at from public.partners where id = $1', [
        GREEN_VALLEY,
      ])
    ).rows[0];
    await db.query('update public.partners set api_base_url = $2 where id = $1', [GREEN_VALLEY, fhir.base]);
    return row;
  });
  try {
    const page = await (await deviceContext(browser)).newPage();
    await signInTo(page, 'staff@happypaws.test', `${base}/partners/${GREEN_VALLEY}`);
    const status = page.getByTestId('sync-status');
    await expect(status).toContainText('Not synced yet.');
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect(status).toContainText(/Syncing…\s+(starting|\d+ of \d+ pets)/);
    await page.screenshot({ path: `${shots}/staff-partner-syncing.png`, fullPage: true });
    await expect(status).toContainText(
      /Last sync .*:\s+(\d+)\s+of\s+\1\s+pets · 0 new vaccinations · 1\s+waiting for review/,
      {
        timeout: 30_000,
      },
    );
    await expect(page.getByRole('button', { name: 'Sync now' })).toBeEnabled();
    expect(fhir.fake.log.some((l) => l.startsWith(`Immunization?patient=rex-${tag}`))).toBe(true);
  } finally {
    await withDb(async (db) => {
      await db.query(`delete from public.partner_events where message_id = $1`, [`fhir:Immunization/lepto-${tag}`]);
      await db.query(
        'update public.partners set api_base_url = $2, sync_status = $3, last_synced_at = $4 where id = $1',
        [GREEN_VALLEY, original.api_base_url, original.sync_status, original.last_synced_at],
      );
    });
    await fhir.close();
  }
});
