// Issue 10: a pet's medication schedule (dose and times of day) kept on the pet page; the roster shows each
// of today's slots of a pet in care as due now, overdue or "given at 12:03 by <name>", and giving a dose
// records one audited medication_logs row per slot and day however often it is pressed. And the late
// pick-up alert: a pet still in after its site closed today. The suite works on a pet, a site and a service
// of its own in Happy Paws, removed afterwards.
import { mkdirSync } from 'node:fs';
import { expect, test, type Browser } from '@playwright/test';
import { deviceContext, demo, signInTo, withDb } from './support/staff.ts';

// the shared test machine is slow: several pages and devices per test
test.describe.configure({ mode: 'serial', timeout: 90_000 });

const shots = 'test-results/screenshots';
mkdirSync(shots, { recursive: true });

const happy = demo.happyPaws;
const parentClientId = 'c1000000-0000-4000-8000-000000000001';
const staffId = 'a0000000-0000-4000-8000-000000000002';
const groomingId = 'e1000000-0000-4000-8000-000000000003';
const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const petName = `Pepper ${run}`;
const latePetName = `Moss ${run}`;
let petId = '';
let latePetId = '';
let siteId = '';
let serviceId = '';

/** The business's clock now, "HH:MM" (Europe/London, the demo business's zone). */
function londonClock(at = new Date()): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
}

async function petInCare(name: string, service: string): Promise<string> {
  return withDb(async (db) => {
    const pet = await db.query(
      `insert into public.pets (business_id, client_id, name, species) values ($1, $2, $3, 'dog') returning id`,
      [happy.id, parentClientId, name],
    );
    // triggers were off: the dashboard's aggregates are recomputed for the business
    await db.query('select private.dashboard_rebuild($1)', [happy.id]);
    const id: string = pet.rows[0].id;
    // In care today: a checked-in booking made directly (the check-in flow has its own suite).
    await db.query('begin');
    await db.query('set local session_replication_role = replica');
    await db.query(
      `insert into public.bookings (business_id, service_id, pet_id, client_id, starts_at, ends_at, status)
       values ($1, $2, $3, $4, now() - interval '1 minute', now() + interval '2 hours', 'checked_in')`,
      [happy.id, service, id, parentClientId],
    );
    await db.query('commit');
    return id;
  });
}

test.beforeAll(async () => {
  petId = await petInCare(petName, groomingId);
});

test.afterAll(async () => {
  await withDb(async (db) => {
    for (const id of [petId, latePetId].filter(Boolean)) await db.query('delete from public.pets where id = $1', [id]);
    if (serviceId) await db.query('delete from public.services where id = $1', [serviceId]);
    if (siteId) await db.query('delete from public.locations where id = $1', [siteId]);
  });
});

async function staffPage(browser: Browser, path: string) {
  const context = await deviceContext(browser);
  const page = await context.newPage();
  await signInTo(page, 'staff@happypaws.test', path);
  return { context, page };
}

test('staff schedule a medication on the pet page; a bad time is refused beside its field and nothing typed is lost', async ({
  browser,
}) => {
  const { context, page } = await staffPage(browser, `/b/${happy.slug}/pets/${petId}`);
  const panel = page.getByTestId('medication-schedule');
  await expect(panel).toContainText(`No medicine scheduled for ${petName}.`);
  const add = panel.locator('form[action="?/addMedication"]');
  await add.getByLabel('Medicine').fill('Apoquel');
  await add.getByLabel('Dose').fill('16 mg');
  await add.getByLabel('Times of day').fill('08:00, 25:00');
  await add.getByRole('button', { name: 'Add medicine' }).click();
  await expect(add.getByText('“25:00” is not a time of day: write it as 08:00 or 18:30.')).toBeVisible();
  await expect(add.getByLabel('Medicine')).toHaveValue('Apoquel');
  await expect(add.getByLabel('Dose')).toHaveValue('16 mg');

  // the dose now, so it is due whatever the hour the test runs; times come back sorted
  const now = londonClock();
  await add.getByLabel('Times of day').fill(`${now}`);
  await add.getByRole('button', { name: 'Add medicine' }).click();
  await expect(panel.getByText('Apoquel saved.')).toBeVisible();
  const saved = panel.getByRole('form', { name: `Apoquel for ${petName}` });
  await expect(saved.getByLabel('Times of day')).toHaveValue(now);
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.screenshot({ path: `${shots}/pet-medication-desktop.png`, fullPage: true });

  const rows = await withDb(
    async (db) =>
      (
        await db.query(
          `select medication, dose, to_char(times[1], 'HH24:MI') as first, created_by from public.medication_schedules where pet_id = $1`,
          [petId],
        )
      ).rows,
  );
  expect(rows).toEqual([{ medication: 'Apoquel', dose: '16 mg', first: now, created_by: staffId }]);
  await context.close();
});

test('the roster shows the dose due now; giving it twice from two devices records one audited dose, shown as given by them', async ({
  browser,
}) => {
  const first = await staffPage(browser, `/b/${happy.slug}/roster?status=in`);
  const second = await staffPage(browser, `/b/${happy.slug}/roster?status=in`);
  const rowOf = (page: typeof first.page) =>
    page.locator(`[data-testid="roster-entry"][data-pet="${petName}"]`).getByTestId('medication-slot');
  await expect(rowOf(first.page)).toHaveAttribute('data-state', /^(due|overdue)$/);
  await expect(rowOf(first.page)).toContainText(/Apoquel 16 mg at \d\d:\d\d: (due now|overdue)/);
  await expect(rowOf(second.page)).toHaveAttribute('data-state', /^(due|overdue)$/);

  await rowOf(first.page)
    .getByRole('button', { name: `Give ${petName} Apoquel` })
    .click();
  await expect(rowOf(first.page)).toHaveAttribute('data-state', 'given');
  // the second device still shows the button: pressing it records nothing new
  await rowOf(second.page)
    .getByRole('button', { name: `Give ${petName} Apoquel` })
    .click();
  await expect(rowOf(second.page)).toHaveAttribute('data-state', 'given');

  const logs = await withDb(
    async (db) =>
      (
        await db.query(
          `select l.id, l.given_by, l.slot_day = (now() at time zone 'Europe/London')::date as today,
                  to_char(l.given_at at time zone 'Europe/London', 'HH24:MI') as at,
                  (select count(*)::int from public.audit_log a where a.table_name = 'medication_logs'
                     and a.row_id = l.id::text and a.action = 'INSERT' and a.actor = l.given_by) as audited,
                  (select coalesce(m.display_name, nullif(btrim(u.raw_user_meta_data ->> 'full_name'), ''), split_part(u.email, '@', 1)) from public.memberships m
                     join auth.users u on u.id = m.user_id where m.user_id = l.given_by and m.business_id = l.business_id) as name
           from public.medication_logs l join public.medication_schedules s on s.id = l.schedule_id
           where s.pet_id = $1`,
          [petId],
        )
      ).rows,
  );
  expect(logs).toHaveLength(1);
  expect(logs[0]).toMatchObject({ given_by: staffId, today: true, audited: 1 });
  for (const page of [first.page, second.page])
    await expect(rowOf(page)).toContainText(`given at ${logs[0].at} by ${logs[0].name}`);
  await first.page.setViewportSize({ width: 1366, height: 900 });
  await first.page.screenshot({ path: `${shots}/roster-medication-desktop.png`, fullPage: true });
  await first.context.close();
  await second.context.close();
});

test('a pet still in after its site closed today shows “Late pick-up — closed at 00:01” on the roster', async ({
  browser,
}) => {
  // The site closes at 00:01 today (the earliest closing there is), so the alert shows at any hour after it.
  test.skip(londonClock() < '00:02', 'the first two minutes of the day have no closing time behind them');
  await withDb(async (db) => {
    // An inactive site of its own: the business's active sites, and so every other suite, keep their hours.
    const site = await db.query(
      `insert into public.locations (business_id, name, is_active) values ($1, $2, false) returning id`,
      [happy.id, `Late site ${run}`],
    );
    siteId = site.rows[0].id;
    await db.query(
      `insert into public.opening_hours (business_id, location_id, weekday, opens, closes)
       values ($1, $2, extract(isodow from (now() at time zone 'Europe/London'))::smallint, '00:00', '00:01')`,
      [happy.id, siteId],
    );
    const service = await db.query(
      `insert into public.services (business_id, location_id, kind, name, duration_minutes)
       values ($1, $2, 'daycare', $3, 60) returning id`,
      [happy.id, siteId, `Late daycare ${run}`],
    );
    serviceId = service.rows[0].id;
  });
  latePetId = await petInCare(latePetName, serviceId);

  const { context, page } = await staffPage(browser, `/b/${happy.slug}/roster?status=in`);
  const late = page.locator(`[data-testid="roster-entry"][data-pet="${latePetName}"]`);
  // (a new pet also carries the first-visit alert: pick the late one by its words)
  await expect(late.getByTestId('roster-alert').filter({ hasText: 'Late pick-up' })).toContainText(
    'Late pick-up — closed at 00:01',
  );
  // a pet of a site without hours has no such alert
  await expect(page.locator(`[data-testid="roster-entry"][data-pet="${petName}"]`)).not.toContainText('Late pick-up');
  await context.close();
});
