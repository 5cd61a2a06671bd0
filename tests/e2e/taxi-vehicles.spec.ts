// Vans in settings: a manager adds one (typed depot, then moved by clicking the offline map), a bad seat
// count is refused beside the field keeping what was typed; desk staff see the vans but cannot change
// them; another business's staff get a 404.
import { expect, test } from './fixtures.ts';
import { deviceContext, demo, signInTo } from './support/staff.ts';

const path = `/b/${demo.happyPaws.slug}/settings/vehicles`;
const unique = () => Math.random().toString(36).slice(2, 7);

test.describe.configure({ timeout: 120_000 });

test('an owner adds a van; the pin picker and the typed coordinates agree', async ({ browser }) => {
  const page = await (await deviceContext(browser)).newPage();
  await signInTo(page, 'owner@happypaws.test', path);
  const add = page.locator('section', { has: page.getByRole('heading', { name: 'Add a van' }) });
  // the page's script has run (and the lazy map chunk arrived) before typing
  const map = add.getByRole('region', { name: /map/ });
  await expect(map).toHaveAttribute('data-map-ready', 'true', { timeout: 30_000 });
  const name = `Test van ${unique()}`;
  await add.getByLabel('Name').fill(name);
  await add.getByLabel('Seats (pets it carries)').fill('99');
  await add.getByLabel('Latitude').fill('51.54');
  await add.getByLabel('Longitude').fill('-0.11');
  await add.getByRole('button', { name: 'Add van' }).click();
  await expect(add.getByText('Enter how many pets the van carries, from 1 to 60.')).toBeVisible();
  await expect(add.getByLabel('Name')).toHaveValue(name);
  await expect(add.getByLabel('Latitude')).toHaveValue('51.54');

  // clicking the map (offline style, no tiles) moves the pin and rewrites both inputs
  await expect(map).toHaveAttribute('data-map-ready', 'true', { timeout: 30_000 });
  const box = (await map.boundingBox())!;
  await page.mouse.click(box.x + box.width * 0.8, box.y + box.height * 0.3);
  await expect(add.getByLabel('Latitude')).not.toHaveValue('51.54');
  const lat = Number(await add.getByLabel('Latitude').inputValue());
  const lng = Number(await add.getByLabel('Longitude').inputValue());
  expect(lat).toBeGreaterThan(51.54);
  expect(lng).toBeGreaterThan(-0.11);

  await add.getByLabel('Seats (pets it carries)').fill('5');
  await add.getByLabel('Usual driver').selectOption({ label: 'Dev Driver' });
  await add.getByRole('button', { name: 'Add van' }).click();
  await expect(page.getByRole('status').filter({ hasText: `${name} added.` })).toBeVisible();
  const card = page.locator(`[data-vehicle="${name}"]`);
  await expect(card).toContainText('5 seats · Dev Driver');
  await expect(card).toContainText(`depot ${lat.toFixed(4)}, ${lng.toFixed(4)}`);

  // take it out of service, then remove it (keeps the demo fleet as seeded)
  await card.getByText(`Edit ${name}`).click();
  await card.getByLabel('In service (dispatch plans with it)').uncheck();
  await card.getByRole('button', { name: `Save ${name}` }).click();
  await expect(page.locator(`[data-vehicle="${name}"]`)).toContainText('Out of service');
  await page.locator(`[data-vehicle="${name}"]`).getByText(`Edit ${name}`).click();
  await page
    .locator(`[data-vehicle="${name}"]`)
    .getByRole('button', { name: `Remove ${name}` })
    .click();
  await expect(page.locator(`[data-vehicle="${name}"]`)).toHaveCount(0);
});

test('desk staff cannot open or change the vans (settings are for owners and managers); other businesses cannot see them', async ({
  browser,
}) => {
  const staff = await (await deviceContext(browser)).newPage();
  await signInTo(staff, 'staff@happypaws.test', `/b/happy-paws/scan`);
  // the settings are the owners' and managers' (the settings layout's 403 page); dispatch reads the vans itself
  expect((await staff.goto(path))?.status()).toBe(403);
  await expect(staff.locator('[data-vehicle="Blue van"]')).toHaveCount(0);
  // a forged post is refused on the server as well
  const res = await staff.request.post(`${path}?/save`, {
    form: { name: 'Forged van', seats: '4', depot_lat: '51.5', depot_lng: '-0.1', active: 'on' },
    headers: { origin: new URL(staff.url()).origin },
  });
  expect(res.status()).toBe(403);

  const other = await (await deviceContext(browser)).newPage();
  await signInTo(other, 'staff@barkavenue.test', `/b/bark-avenue/scan`);
  const response = await other.goto(path);
  expect(response?.status()).toBe(404);
});
