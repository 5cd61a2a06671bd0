// Lost updates between two editors (issue 10, defect 5): two tabs edit the same client (or pet); the
// later save must not silently revert the earlier one. It comes back with "changed by someone else since
// you opened it", both values of each field in dispute, and what the user typed kept; saving again keeps
// theirs on purpose. A client and pet of their own, made through the service role and removed afterwards.
import { expect, test, type Page } from '@playwright/test';
import { serviceClient } from '../support/stack.ts';
import { deviceContext, demo, signInTo, withDb } from './support/staff.ts';

// the shared test machine is slow: a page with many forms needs more than the default 30 s under load
test.describe.configure({ mode: 'serial', timeout: 90_000 });

const stamp = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
const made = { clientId: '', petId: '' };

test.beforeAll(async () => {
  const admin = serviceClient();
  const client = await admin
    .from('clients')
    .insert({ business_id: demo.happyPaws.id, full_name: `Two Tabs ${stamp}`, phone: '01234 500000' })
    .select('id')
    .single();
  if (client.error) throw client.error;
  made.clientId = client.data.id;
  const pet = await admin
    .from('pets')
    .insert({ business_id: demo.happyPaws.id, client_id: made.clientId, name: `Tabby${stamp}`, feeding: 'Dry food' })
    .select('id')
    .single();
  if (pet.error) throw pet.error;
  made.petId = pet.data.id;
});

test.afterAll(async () => {
  await withDb((db) => db.query('delete from public.clients where id = $1', [made.clientId]));
});

const changed = /changed by someone else since you opened it/;

async function twoTabs(
  browser: import('@playwright/test').Browser,
  path: string,
): Promise<[Page, Page, () => Promise<void>]> {
  const first = await deviceContext(browser);
  const second = await deviceContext(browser);
  const a = await first.newPage();
  const b = await second.newPage();
  await signInTo(a, 'staff@happypaws.test', path);
  await signInTo(b, 'owner@happypaws.test', path);
  return [a, b, async () => void (await Promise.all([first.close(), second.close()]))];
}

test('the later of two saves of a client shows both values instead of reverting the earlier one', async ({
  browser,
}) => {
  const [a, b, close] = await twoTabs(browser, `/b/${demo.happyPaws.slug}/clients/${made.clientId}`);
  // both tabs are open on the same version; the first saves a new phone number
  await a.getByLabel('Phone').fill('07700 900111');
  await a.getByRole('button', { name: 'Save changes' }).click();
  await expect(a.getByRole('status').filter({ hasText: 'Changes saved.' })).toBeVisible();

  // the second, opened before that save, changes the name and (unknowingly) the phone
  await b.getByLabel('Full name').fill(`Two Tabs Renamed ${stamp}`);
  await b.getByLabel('Phone').fill('07700 900222');
  await b.getByRole('button', { name: 'Save changes' }).click();
  await expect(b.getByRole('alert').filter({ hasText: changed })).toBeVisible();
  const phone = b.getByTestId('conflicts').locator('tr[data-field="phone"]');
  await expect(phone).toContainText('07700 900111');
  await expect(phone).toContainText('07700 900222');
  // what was typed is kept
  await expect(b.getByLabel('Full name')).toHaveValue(`Two Tabs Renamed ${stamp}`);
  await expect(b.getByLabel('Phone')).toHaveValue('07700 900222');
  let row = await withDb(
    async (db) =>
      (await db.query('select full_name, phone from public.clients where id = $1', [made.clientId])).rows[0],
  );
  expect(row).toEqual({ full_name: `Two Tabs ${stamp}`, phone: '07700 900111' });

  // saving again, having seen theirs, keeps the second tab's values on purpose
  await b.getByRole('button', { name: 'Save changes' }).click();
  await expect(b.getByRole('status').filter({ hasText: 'Changes saved.' })).toBeVisible();
  row = await withDb(
    async (db) =>
      (await db.query('select full_name, phone from public.clients where id = $1', [made.clientId])).rows[0],
  );
  expect(row).toEqual({ full_name: `Two Tabs Renamed ${stamp}`, phone: '07700 900222' });
  await close();
});

test('care instructions edited in two tabs: the second save is stopped with both texts', async ({ browser }) => {
  const [a, b, close] = await twoTabs(browser, `/b/${demo.happyPaws.slug}/pets/${made.petId}`);
  await a.getByLabel('Feeding').fill('Wet food, twice a day');
  await a.getByRole('button', { name: 'Save changes' }).click();
  await expect(a.getByRole('status').filter({ hasText: 'Changes saved.' })).toBeVisible();

  await b.getByLabel('Medication').fill('Half a tablet at noon');
  await b.getByRole('button', { name: 'Save changes' }).click();
  await expect(b.getByRole('alert').filter({ hasText: changed })).toBeVisible();
  const feeding = b.getByTestId('conflicts').locator('tr[data-field="feeding"]');
  await expect(feeding).toContainText('Wet food, twice a day');
  await expect(feeding).toContainText('Dry food');
  await expect(b.getByLabel('Medication')).toHaveValue('Half a tablet at noon');
  const pet = await withDb(
    async (db) => (await db.query('select feeding, medication from public.pets where id = $1', [made.petId])).rows[0],
  );
  expect(pet).toEqual({ feeding: 'Wet food, twice a day', medication: null });
  await close();
});

test('a medical record edited in two tabs: the later save is stopped with both values, and saving again keeps it', async ({
  browser,
}) => {
  const title = `Checkup ${stamp}`;
  await withDb((db) =>
    db.query(
      `insert into public.medical_records (business_id, pet_id, kind, title, occurred_on, notes)
       values ($1, $2, 'checkup', $3, (now() at time zone 'Europe/London')::date - 3, 'Healthy')`,
      [demo.happyPaws.id, made.petId, title],
    ),
  );
  const [a, b, close] = await twoTabs(browser, `/b/${demo.happyPaws.slug}/health/pets/${made.petId}`);
  const open = async (page: Page) => {
    await page.getByText(`Edit ${title}…`).click();
    return page.locator('details', { has: page.getByText(`Edit ${title}…`) });
  };
  const formA = await open(a);
  const formB = await open(b);
  await formA.getByLabel('Notes').fill('Healthy; ears cleaned');
  await formA.getByRole('button', { name: `Save ${title}` }).click();
  await expect(a.getByRole('status').filter({ hasText: `${title} saved.` })).toBeVisible();

  // the second tab still holds the old version: its save is stopped, with both texts and its own kept
  await formB.getByLabel('Notes').fill('Healthy; weight 12 kg');
  await formB.getByRole('button', { name: `Save ${title}` }).click();
  await expect(b.getByText(changed)).toBeVisible();
  const dispute = b.getByTestId('conflicts').locator('tr[data-field="notes"]');
  await expect(dispute).toContainText('Healthy; ears cleaned');
  await expect(dispute).toContainText('Healthy; weight 12 kg');
  await expect(formB.getByLabel('Notes')).toHaveValue('Healthy; weight 12 kg');
  const stored = async () =>
    withDb(
      async (db) =>
        (await db.query('select notes from public.medical_records where title = $1', [title])).rows[0].notes as string,
    );
  expect(await stored()).toBe('Healthy; ears cleaned');

  // saving again is a deliberate choice: it keeps the second tab's text
  await b.getByRole('button', { name: `Save ${title}` }).click();
  await expect(b.getByRole('status').filter({ hasText: `${title} saved.` })).toBeVisible();
  expect(await stored()).toBe('Healthy; weight 12 kg');
  await close();
});

test('a vaccination edited in two tabs: the later save is stopped with both values (the vaccine by name), and saving again keeps it', async ({
  browser,
}) => {
  const bordetella = '0c000000-0000-4000-8000-000000000003';
  const dhpp = '0c000000-0000-4000-8000-000000000002';
  const vaccinationId = await withDb(
    async (db) =>
      (
        await db.query(
          `insert into public.vaccinations (business_id, pet_id, vaccine_type_id, administered_on, expires_on, batch)
           values ($1, $2, $3, (now() at time zone 'Europe/London')::date - 10,
                   (now() at time zone 'Europe/London')::date + 170, $4)
           returning id`,
          [demo.happyPaws.id, made.petId, bordetella, `BD-${stamp}`],
        )
      ).rows[0].id as string,
  );
  const [a, b, close] = await twoTabs(browser, `/b/${demo.happyPaws.slug}/health/pets/${made.petId}`);
  const summary = /^Edit Bordetella \(given .+\)…$/;
  const open = async (page: Page) => {
    await page.getByText(summary).click();
    return page.locator('details', { has: page.getByText(summary) });
  };
  const formA = await open(a);
  const formB = await open(b);
  await expect(formB.getByLabel('Batch number')).toHaveValue(`BD-${stamp}`);
  await formA.getByLabel('Batch number').fill(`BD-A-${stamp}`);
  await formA.getByRole('button', { name: /^Save Bordetella/ }).click();
  await expect(a.getByRole('status').filter({ hasText: /Bordetella saved, valid until / })).toBeVisible();

  // the second tab still holds the old version: its save is stopped, with both values and its own kept
  await formB.getByLabel('Vaccine').selectOption(dhpp);
  await formB.getByLabel('Batch number').fill(`BD-B-${stamp}`);
  await formB.getByRole('button', { name: /^Save Bordetella/ }).click();
  await expect(b.getByText(changed)).toBeVisible();
  const conflicts = b.getByTestId('conflicts').locator('tbody tr');
  await expect(conflicts).toHaveCount(2);
  const batch = conflicts.and(b.locator('[data-field="batch"]'));
  await expect(batch).toContainText(`BD-A-${stamp}`);
  await expect(batch).toContainText(`BD-B-${stamp}`);
  const vaccine = conflicts.and(b.locator('[data-field="vaccine_type_id"]'));
  await expect(vaccine).toContainText('Bordetella');
  await expect(vaccine).toContainText('DHPP');
  for (const [size, viewport] of [
    ['phone', { width: 412, height: 915 }],
    ['desktop', { width: 1366, height: 900 }],
  ] as const) {
    await b.setViewportSize(viewport);
    await b.screenshot({ path: `test-results/screenshots/vaccination-conflict-${size}.png`, fullPage: true });
  }
  await expect(formB.getByLabel('Vaccine')).toHaveValue(dhpp);
  await expect(formB.getByLabel('Batch number')).toHaveValue(`BD-B-${stamp}`);
  const stored = async () =>
    withDb(
      async (db) =>
        (await db.query('select vaccine_type_id, batch from public.vaccinations where id = $1', [vaccinationId]))
          .rows[0],
    );
  expect(await stored()).toEqual({ vaccine_type_id: bordetella, batch: `BD-A-${stamp}` });

  // saving again is a deliberate choice: it keeps the second tab's values
  await formB.getByRole('button', { name: /^Save Bordetella/ }).click();
  await expect(b.getByRole('status').filter({ hasText: /DHPP saved, valid until / })).toBeVisible();
  expect(await stored()).toEqual({ vaccine_type_id: dhpp, batch: `BD-B-${stamp}` });
  await close();
});
