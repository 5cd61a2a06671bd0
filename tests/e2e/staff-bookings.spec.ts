// Bookings, the dashboard and CSV exports from the desk (SPEC §5 flows 3 and 8). The capacity tests use
// a service and pets of their own, made through the service role, so the demo's daycare and the other
// suites' counts are never touched; everything made here is removed afterwards.
import { mkdirSync, readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { addDays, localToInstant } from '../../web/src/lib/bookings/calendar.ts';
import { businessDay } from '../../web/src/lib/scan/day.ts';
import { formatDay, formatLongDay } from '../../web/src/lib/time/format.ts';
import { serviceClient } from '../support/stack.ts';
import { deviceContext, demo, signInTo, withDb } from './support/staff.ts';

// the shared test machine is slow: a page with many forms needs more than the default 30 s under load
test.describe.configure({ mode: 'serial', timeout: 90_000 });

const shots = 'test-results/screenshots';
mkdirSync(shots, { recursive: true });

const zone = 'Europe/London'; // Happy Paws
const stamp = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
const names = {
  service: `E2E Suite ${stamp}`,
  first: `Ace${stamp}`,
  second: `Bolt${stamp}`,
  client: `E2E Family ${stamp}`,
};
const made = { serviceId: '', clientId: '', firstId: '', secondId: '' };
const tomorrow = addDays(businessDay(zone).date, 1);
const bookingsUrl = `/b/${demo.happyPaws.slug}/bookings`;

test.beforeAll(async () => {
  const admin = serviceClient();
  const service = await admin
    .from('services')
    .insert({
      business_id: demo.happyPaws.id,
      kind: 'boarding',
      name: names.service,
      daily_capacity: 1,
      price_cents: 4200,
    })
    .select('id')
    .single();
  if (service.error) throw service.error;
  made.serviceId = service.data.id;
  const client = await admin
    .from('clients')
    // a phone number starting with + is what a spreadsheet would run as a formula
    .insert({ business_id: demo.happyPaws.id, full_name: names.client, phone: '+44 7700 900123' })
    .select('id')
    .single();
  if (client.error) throw client.error;
  made.clientId = client.data.id;
  const pets = await admin
    .from('pets')
    .insert(
      [names.first, names.second].map((name) => ({ business_id: demo.happyPaws.id, client_id: made.clientId, name })),
    )
    .select('id, name');
  if (pets.error) throw pets.error;
  const idOf = (name: string): string => {
    const pet = pets.data.find((p) => p.name === name);
    if (!pet) throw new Error(`pet ${name} was not created`);
    return pet.id;
  };
  made.firstId = idOf(names.first);
  made.secondId = idOf(names.second);
  // every vaccine the catalogue requires of dogs, valid for a year
  const required = await admin
    .from('vaccine_types')
    .select('id')
    .is('business_id', null)
    .eq('species', 'dog')
    .eq('required', true);
  if (required.error) throw required.error;
  const today = businessDay(zone).date;
  const shots = await admin.from('vaccinations').insert(
    [made.firstId, made.secondId].flatMap((petId) =>
      required.data.map((vt) => ({
        business_id: demo.happyPaws.id,
        pet_id: petId,
        vaccine_type_id: vt.id,
        administered_on: today,
        expires_on: addDays(today, 365),
      })),
    ),
  );
  if (shots.error) throw shots.error;
});

test.afterAll(async () => {
  // the client's pets and their bookings go with it (cascade); then the service is free to go
  await withDb(async (db) => {
    await db.query('delete from public.clients where id = $1', [made.clientId]);
    await db.query('delete from public.services where id = $1', [made.serviceId]);
  });
});

async function openDay(page: Page, email: string, date: string): Promise<void> {
  await signInTo(page, email, bookingsUrl);
  await page.goto(`${bookingsUrl}?date=${date}`);
  await expect(page.locator('h1')).toBeVisible();
}

async function book(page: Page, pet: string, at: string): Promise<void> {
  await page.getByLabel('Find a pet by name').fill(pet);
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('radio', { name: new RegExp(`^${pet}`) }).check();
  await page.getByLabel('Service').selectOption(made.serviceId);
  await page.getByLabel('Starts').fill(at);
  await page.getByRole('button', { name: 'Book' }).click();
}

const serviceCard = (page: Page) => page.locator(`[data-testid="service"][data-service="${names.service}"]`);
const row = (page: Page, pet: string) => serviceCard(page).locator(`[data-testid="booking"][data-pet="${pet}"]`);

test('the desk books a pet and sees it in the day view with the place taken', async ({ browser }) => {
  const device = await deviceContext(browser);
  const page = await device.newPage();
  await openDay(page, 'owner@happypaws.test', tomorrow);
  await expect(serviceCard(page).getByTestId('capacity')).toContainText('0 of 1 places used · 1 free');

  await book(page, names.first, `${tomorrow}T09:00`);
  await expect(page.getByRole('status').filter({ hasText: 'Booked (confirmed).' })).toBeVisible();
  await expect(row(page, names.first)).toHaveAttribute('data-status', 'confirmed');
  await expect(serviceCard(page).getByTestId('capacity')).toContainText('1 of 1 places used · 0 free');
  await page.screenshot({ path: `${shots}/bookings.png`, fullPage: true });
  await device.close();
});

test('booking the same pet twice for the same service and day is refused by name, and nothing is lost', async ({
  browser,
}) => {
  const device = await deviceContext(browser);
  const page = await device.newPage();
  await openDay(page, 'staff@happypaws.test', tomorrow);
  await page.getByLabel('Notes (optional)').fill('second try');
  await book(page, names.first, `${tomorrow}T14:00`);
  await expect(page.getByRole('alert')).toHaveText(
    `${names.first} is already booked for ${names.service} on ${formatDay(tomorrow)}.`,
  );
  await expect(page.getByLabel('Notes (optional)')).toHaveValue('second try');
  // one booking, one place: the duplicate neither took a place nor a waitlist spot
  await expect(row(page, names.first)).toHaveCount(1);
  await expect(serviceCard(page).getByTestId('capacity')).toContainText('1 of 1 places used · 0 free');
  await device.close();
});

test('a family books a recurring visit in one form and reads which dates were booked, waitlisted or refused', async ({
  browser,
}) => {
  const device = await deviceContext(browser);
  const page = await device.newPage();
  const first = addDays(tomorrow, 14);
  await openDay(page, 'staff@happypaws.test', first);
  const fill = async (until: string) => {
    await page.getByLabel('Find a pet by name').fill(names.first);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('radio', { name: new RegExp(`^${names.first}`) }).check();
    // the family list offers the picked pet's others, not the picked pet again
    await expect(page.getByRole('checkbox', { name: new RegExp(`^${names.first} ·`) })).toHaveCount(0);
    await page.getByRole('checkbox', { name: new RegExp(`^${names.second}`) }).check();
    // prices carry the business's currency (Happy Paws: GBP)
    await expect(page.getByLabel('Service').locator(`option[value="${made.serviceId}"]`)).toHaveText(/ — £\d/);
    await page.getByLabel('Service').selectOption(made.serviceId);
    await page.getByLabel('Starts').fill(`${first}T09:00`);
    for (const day of ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'])
      await page.getByRole('checkbox', { name: day, exact: true }).check();
    await page.getByLabel('Repeat until (optional)').fill(until);
    await page.getByRole('button', { name: 'Book' }).click();
  };
  // over the cap: nothing is booked and the field says why
  await fill(addDays(first, 100));
  await expect(page.getByText(/at most 120 bookings \(this would make 202\)/)).toBeVisible();
  expect(await bookingsOf(made.firstId, `${first}T09:00`)).toBe(0);

  // three days for two pets, one place a day: the first pet gets the places, the second waits
  await page.getByLabel('Repeat until (optional)').fill(addDays(first, 2));
  await page.getByRole('button', { name: 'Book' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Series of 6' })).toHaveText(
    'Series of 6: 3 booked, 3 on the waitlist, 0 refused.',
  );
  const outcome = page.getByTestId('series-outcome');
  await expect(outcome.locator('li[data-status="confirmed"]')).toHaveCount(3);
  await expect(outcome.locator('li[data-status="waitlisted"]')).toHaveCount(3);
  await expect(outcome).toContainText(`${formatDay(first)}, 09:00 · ${names.second}: on the waitlist`);

  // the same again: every date is refused as a double booking, by name
  await fill(addDays(first, 2));
  await expect(page.getByRole('status').filter({ hasText: 'Series of 6' })).toHaveText(
    'Series of 6: 0 booked, 0 on the waitlist, 6 refused.',
  );
  await expect(page.getByTestId('series-outcome')).toContainText(
    `${names.first}: ${names.first} is already booked for ${names.service} on ${formatDay(first)}.`,
  );
  expect(await bookingsOf(made.firstId, `${first}T09:00`)).toBe(1);
  await device.close();
});

test('cancelling a series from one of its rows says how many future bookings go, and cancels exactly those', async ({
  browser,
}) => {
  const device = await deviceContext(browser);
  const page = await device.newPage();
  const first = addDays(tomorrow, 14); // the series the test above booked
  await openDay(page, 'staff@happypaws.test', first);
  const live = async () =>
    withDb(
      async (db) =>
        (
          await db.query(
            `select count(*)::int as n from public.bookings where pet_id = any($1) and series_id is not null
             and status in ('requested', 'confirmed', 'waitlisted') and starts_at >= now()`,
            [[made.firstId, made.secondId]],
          )
        ).rows[0].n as number,
    );
  const ahead = await live();
  expect(ahead).toBeGreaterThan(1);
  const r = row(page, names.first);
  await r.getByText(`Cancel ${names.first}’s series…`).click();
  await expect(r.getByTestId('series-confirmation')).toHaveText(
    `This cancels ${ahead} future bookings of the series, from now on. Visits already made stay.`,
  );
  // the reason is required, as for one booking
  await r.getByRole('button', { name: `Cancel ${ahead} future bookings` }).click();
  await expect(r.getByText('Say why the booking is cancelled.')).toBeVisible();
  expect(await live()).toBe(ahead);
  await r.getByLabel(`Reason for cancelling ${names.first}’s series`).fill('Family moved away');
  await r.getByRole('button', { name: `Cancel ${ahead} future bookings` }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Series cancelled' })).toHaveText(
    `Series cancelled: ${ahead} future bookings cancelled; visits already made stay.`,
  );
  await expect(row(page, names.first)).toHaveAttribute('data-status', 'cancelled');
  await expect(row(page, names.first).getByTestId('cancel-series')).toHaveCount(0);
  expect(await live()).toBe(0);
  await device.close();
});

test('a booking on a full day is waitlisted and shown as such', async ({ browser }) => {
  const device = await deviceContext(browser);
  const page = await device.newPage();
  await openDay(page, 'staff@happypaws.test', tomorrow);
  await book(page, names.second, `${tomorrow}T10:00`);
  await expect(page.getByRole('status').filter({ hasText: 'the booking is on the waitlist' })).toBeVisible();
  await expect(row(page, names.second)).toHaveAttribute('data-status', 'waitlisted');
  await expect(row(page, names.second).getByTestId('booking-status')).toHaveText(/Waitlisted\s#1/);
  await expect(serviceCard(page).getByTestId('capacity')).toContainText('1 waiting');
  // The day is full, so confirming would fail: the desk is offered only what can be done.
  await expect(row(page, names.second).getByRole('button', { name: `Confirm ${names.second}` })).toHaveCount(0);
  await expect(row(page, names.second).getByText(`Cancel ${names.second}…`)).toBeVisible();
  await page.screenshot({ path: `${shots}/bookings-waitlisted.png`, fullPage: true });
  await device.close();
});

test('cancelling with a reason gives the place to the waitlist', async ({ browser }) => {
  const device = await deviceContext(browser);
  const page = await device.newPage();
  await openDay(page, 'staff@happypaws.test', tomorrow);
  const first = row(page, names.first);
  await first.getByText(`Cancel ${names.first}…`).click();
  // an empty reason is refused with a message beside the field
  await first.getByRole('button', { name: 'Cancel booking' }).click();
  await expect(first.getByText('Say why the booking is cancelled.')).toBeVisible();
  await first.getByLabel(`Reason for cancelling ${names.first}`).fill('Owner is ill');
  await first.getByRole('button', { name: 'Cancel booking' }).click();
  await expect(first).toHaveAttribute('data-status', 'cancelled');
  await expect(first).toContainText('Cancelled: Owner is ill');
  await expect(page.getByRole('status').filter({ hasText: 'Booking cancelled.' })).toHaveText(
    `Booking cancelled. ${names.second} moved from the waitlist into the freed place.`,
  );
  await expect(row(page, names.second)).toHaveAttribute('data-status', 'confirmed');
  await expect(serviceCard(page).getByTestId('capacity')).toContainText('1 of 1 places used · 0 free');
  await device.close();
});

test('a booking that starts in the past needs a deliberate tick before it is recorded', async ({ browser }) => {
  const device = await deviceContext(browser);
  const page = await device.newPage();
  const yesterday = addDays(businessDay(zone).date, -1);
  await openDay(page, 'staff@happypaws.test', yesterday);
  await book(page, names.first, `${yesterday}T09:00`);
  await expect(page.getByText('This booking starts in the past.')).toBeVisible();
  expect(await bookingsOf(made.firstId, `${yesterday}T09:00`)).toBe(0);
  await page.screenshot({ path: `${shots}/bookings-past.png`, fullPage: true });

  await page.getByLabel('Yes, this booking is in the past: record it anyway').check();
  await page.getByRole('button', { name: 'Book' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Booked' })).toBeVisible();
  expect(await bookingsOf(made.firstId, `${yesterday}T09:00`)).toBe(1);
  await device.close();
});

/** How many bookings the pet has starting at a local time on Happy Paws' clock. */
async function bookingsOf(petId: string, local: string): Promise<number> {
  return withDb(
    async (db) =>
      (
        await db.query('select count(*)::int as n from public.bookings where pet_id = $1 and starts_at = $2', [
          petId,
          localToInstant(zone, local),
        ])
      ).rows[0].n,
  );
}

test('the week view shows places used per service and day', async ({ browser }) => {
  const device = await deviceContext(browser);
  const page = await device.newPage();
  await openDay(page, 'staff@happypaws.test', tomorrow);
  await page.getByRole('link', { name: 'Week', exact: true }).click();
  await expect(page).toHaveURL(/view=week/);
  const cell = page.getByRole('link', { name: `${names.service} on ${tomorrow}: 1 used, 0 free` });
  await expect(cell).toHaveText('1/1');
  await page.screenshot({ path: `${shots}/bookings-week.png`, fullPage: true });
  await cell.click();
  await expect(page).toHaveURL(new RegExp(`date=${tomorrow}$`));
  await expect(row(page, names.second)).toBeVisible();
  await device.close();
});

test('booking works without JavaScript, and the page comes back on the same day', async ({ browser }) => {
  const device = await deviceContext(browser, { javaScriptEnabled: false });
  const page = await device.newPage();
  const later = addDays(tomorrow, 1);
  await openDay(page, 'staff@happypaws.test', later);
  await book(page, names.first, `${later}T08:30`);
  await expect(page.getByRole('status').filter({ hasText: 'Booked (confirmed).' })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`date=${later}`));
  await expect(row(page, names.first)).toHaveAttribute('data-status', 'confirmed');
  await device.close();
});

test('the database’s refusals come back as sentences, and what was typed stays', async ({ browser }) => {
  const device = await deviceContext(browser);
  const page = await device.newPage();
  await openDay(page, 'staff@happypaws.test', tomorrow);
  // Luna's rabies vaccine has expired (demo data): book_service refuses her
  await page.getByLabel('Find a pet by name').fill('Luna');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('radio', { name: /^Luna/ }).check();
  await page.getByLabel('Service').selectOption(made.serviceId);
  await page.getByLabel('Starts').fill(`${tomorrow}T11:00`);
  await page.getByLabel('Notes (optional)').fill('keep me');
  await page.getByRole('button', { name: 'Book' }).click();
  await expect(page.getByRole('alert')).toHaveText(/The pet cannot be booked: Rabies expired/);
  await expect(page.getByLabel('Notes (optional)')).toHaveValue('keep me');
  await expect(page.getByRole('radio', { name: /^Luna/ })).toBeChecked();
  const count = await withDb(
    async (db) =>
      (
        await db.query('select count(*)::int as n from public.bookings where pet_id = $1 and service_id = $2', [
          demo.luna.petId,
          made.serviceId,
        ])
      ).rows[0].n,
  );
  expect(count).toBe(0);
  await device.close();
});

test('a booking whose visit has begun can be marked a no-show; a future one cannot', async ({ browser }) => {
  // a visit of the second pet that began at 00:05 today, made directly
  const startsAt = localToInstant(zone, `${businessDay(zone).date}T00:05`);
  const endsAt = localToInstant(zone, `${businessDay(zone).date}T23:00`);
  const made_ = await serviceClient()
    .from('bookings')
    .insert({
      business_id: demo.happyPaws.id,
      service_id: made.serviceId,
      pet_id: made.secondId,
      client_id: made.clientId,
      starts_at: startsAt,
      ends_at: endsAt,
      status: 'confirmed',
    })
    .select('id')
    .single();
  if (made_.error) throw made_.error;
  const device = await deviceContext(browser);
  const page = await device.newPage();
  await openDay(page, 'staff@happypaws.test', businessDay(zone).date);
  await row(page, names.second)
    .getByRole('button', { name: `Mark ${names.second} as a no-show` })
    .click();
  await expect(row(page, names.second)).toHaveAttribute('data-status', 'no_show');

  await page.goto(`${bookingsUrl}?date=${tomorrow}`);
  await expect(row(page, names.second)).toHaveAttribute('data-status', 'confirmed');
  await expect(row(page, names.second).getByRole('button', { name: /no-show/ })).toHaveCount(0);
  await device.close();
});

test('the dashboard shows today’s figures and a manager downloads a CSV of pets', async ({ browser }) => {
  const device = await deviceContext(browser);
  const page = await device.newPage();
  await signInTo(page, 'owner@happypaws.test', `/b/${demo.happyPaws.slug}/dashboard`);
  await expect(page.locator('[data-testid="occupancy"][data-service="Full-day daycare"]')).toContainText('of 20');
  await expect(page.getByTestId('compliance')).toHaveText(/^\d+%$/);
  // the day written out, as on the roster and the calendar (not 2026-12-07)
  await expect(page.getByText(`Today, ${formatLongDay(businessDay(zone).date)} · figures as of`)).toBeVisible();
  // money in the business's currency, booked and checked-out value apart, with the definitions stated
  await expect(page.getByTestId('revenue-today')).toHaveText(/^£\d[\d,]*\.\d\d$/);
  await expect(page.getByTestId('checked-out-today')).toHaveText(/^£\d[\d,]*\.\d\d$/);
  await expect(page.getByText(/This month runs from the 1st to the end of today/)).toBeVisible();
  // each chart has its numbers in a table behind it
  await page.getByText('Check-ins per hour, today against the mean of the last 28 days as a table').click();
  await expect(
    page.getByRole('table', { name: 'Check-ins per hour, today against the mean of the last 28 days' }),
  ).toContainText('08:00');
  await expect(page.getByRole('img', { name: /Full-day daycare: places booked per day/ })).toBeVisible();
  await page.screenshot({ path: `${shots}/dashboard.png`, fullPage: true });

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Pets (CSV)' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^happy-paws-pets-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
  const lines = text.split('\r\n');
  expect(lines[0]).toBe('id,name,species,breed,sex,birth_date,weight_kg,microchip,is_active,client_id,client_name');
  expect(lines).toContain(`${made.firstId},${names.first},dog,,unknown,,,,true,${made.clientId},${names.client}`);
  expect(text).not.toContain('Milo'); // Bark Avenue's pet

  const response = await page.request.get(`/b/${demo.happyPaws.slug}/export/bookings.csv`);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('text/csv; charset=utf-8');
  expect(response.headers()['content-disposition']).toMatch(/^attachment; filename="happy-paws-bookings-/);
  const bookingsCsv = await response.text();
  expect(bookingsCsv).toContain(`Cancelled: Owner is ill`);
  // In date order, times on the business's clock with the zone named, prices in its currency.
  const rowsOut = bookingsCsv.replace(/^\uFEFF/, '').split('\r\n');
  expect(rowsOut[0]).toBe(
    'id,service,pet,client,Starts (Europe/London),Ends (Europe/London),status,Price (GBP),notes,Created (Europe/London)',
  );
  const mine = rowsOut.filter((line) => line.includes(names.service)).map((line) => line.split(','));
  const cancelled = mine.find((cells) => cells[4] === `${tomorrow} 09:00`);
  expect(cancelled?.slice(2, 8)).toEqual([
    names.first,
    names.client,
    `${tomorrow} 09:00`,
    expect.any(String),
    'cancelled',
    '42.00',
  ]);
  const starts = rowsOut.slice(1, -1).map((line) => line.split(',')[4]);
  expect(starts.length).toBeGreaterThan(mine.length);
  expect(starts).toEqual([...starts].sort());

  const clients = (await (await page.request.get(`/b/${demo.happyPaws.slug}/export/clients.csv`)).text()).split('\r\n');
  expect(clients[0].replace(/^\uFEFF/, '')).toBe(
    'id,full_name,email,phone,address,consent_marketing,consent_sms,consent_photos,created_at',
  );
  const family = clients.find((line) => line.startsWith(made.clientId));
  expect(family).toMatch(new RegExp(`^${made.clientId},${names.client},,'\\+44 7700 900123,,false,false,false,`));
  await device.close();
});

test('staff see the dashboard without revenue and cannot export', async ({ browser }) => {
  const device = await deviceContext(browser);
  const page = await device.newPage();
  await signInTo(page, 'staff@happypaws.test', `/b/${demo.happyPaws.slug}/dashboard`);
  await expect(page.getByTestId('checked-in')).toBeVisible();
  await expect(page.getByTestId('revenue-today')).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Clients (CSV)' })).toHaveCount(0);
  expect((await page.request.get(`/b/${demo.happyPaws.slug}/export/clients.csv`)).status()).toBe(403);
  await device.close();
});

test('Bark Avenue staff get 404 for Happy Paws bookings, dashboard and exports', async ({ browser }) => {
  const device = await deviceContext(browser);
  const page = await device.newPage();
  await signInTo(page, 'staff@barkavenue.test', '/b/bark-avenue/bookings');
  for (const path of ['bookings', 'dashboard', 'export/clients.csv', 'export/pets.csv', 'export/bookings.csv']) {
    const response = await page.request.get(`/b/${demo.happyPaws.slug}/${path}`);
    expect(response.status(), path).toBe(404);
  }
  // and a form post at Happy Paws' calendar is refused the same way
  const post = await page.request.post(`${bookingsUrl}?/confirm`, {
    form: { booking_id: demo.rex.bookingId },
    headers: { origin: new URL(page.url()).origin },
  });
  expect(post.status()).toBe(404);
  await device.close();
});
