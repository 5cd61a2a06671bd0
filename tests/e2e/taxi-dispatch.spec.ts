// Dispatch plans the demo morning: eight pickups (and Rex's drop-off) with the two vans in service from
// Settings → Vehicles. Routes appear in the list and on the map, each van's route names its stops in
// order with ETAs, km and minutes; staff assign the demo driver; a plan that cannot be made keeps the
// previous one with a sentence. Another business's staff never reach the page.
import { expect, test } from './fixtures.ts';
import { DEMO_PASSWORD, deviceContext, demo, signInTo } from './support/staff.ts';

const path = `/b/${demo.happyPaws.slug}/dispatch`;

test.describe.configure({ timeout: 150_000 });

test('staff plan the demo day with two vans and assign the driver', async ({ browser }) => {
  const page = await (await deviceContext(browser)).newPage();
  await signInTo(page, 'staff@happypaws.test', path);
  await expect(page.locator('[data-map-ready="true"]')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('2 vans in service')).toBeVisible();

  const plan = page.getByRole('button', { name: /plan routes/i });
  await plan.click();
  await expect(page.getByRole('status').filter({ hasText: /^Planned \d+ stops on \d+ routes/ })).toBeVisible({
    timeout: 60_000,
  });

  const routes = page.getByTestId('route');
  const pickups = routes.filter({ hasText: 'pickup' });
  await expect(pickups).toHaveCount(2);
  const blue = routes.filter({ has: page.getByRole('heading', { name: 'Blue van', exact: true }) });
  const green = routes.filter({ has: page.getByRole('heading', { name: 'Green van', exact: true }) });
  await expect(blue).toHaveCount(1);
  await expect(green).toHaveCount(1);
  // every pickup of the morning is on one of the two vans, each once, with an ETA, and seats respected
  const pets = ['Rex', 'Luna', 'Biscuit', 'Pip', 'Bella', 'Ziggy', 'Nala', 'Otis'];
  const onRoutes = [
    ...(await blue.locator('li strong').allInnerTexts()),
    ...(await green.locator('li strong').allInnerTexts()),
  ];
  expect(onRoutes.sort()).toEqual([...pets].sort());
  expect(await blue.locator('li').count()).toBeLessThanOrEqual(6);
  expect(await green.locator('li').count()).toBeLessThanOrEqual(4);
  for (const eta of await pickups.locator('.eta').allInnerTexts()) expect(eta).toMatch(/^0[6-9]:\d\d$/);
  await expect(blue).toContainText(/\d+\.\d km · \d+ min/);
  await expect(page.getByTestId('unserved')).toHaveCount(0);
  // the map shows a numbered marker per stop
  await expect(page.locator('.pc-stop')).toHaveCount(9);

  // assign the demo driver to the Green van
  await green.getByLabel('Driver of Green van').selectOption({ label: 'Dev Driver' });
  await green.getByRole('button', { name: 'Assign' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Dev Driver drives the route.' })).toBeVisible();
  await page.reload();
  await expect(
    page.getByTestId('route').filter({ has: page.getByRole('heading', { name: 'Green van', exact: true }) }),
  ).toContainText('Dev Driver');
});

test('a day with nothing to plan keeps the page and says why; other businesses get a 404', async ({ browser }) => {
  const page = await (await deviceContext(browser)).newPage();
  await signInTo(page, 'staff@happypaws.test', `${path}?date=2031-01-07`);
  await expect(page.locator('[data-map-ready="true"]')).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Plan routes' }).click();
  await expect(page.getByRole('alert')).toHaveText('There are no open pickups or drop-offs on this day to plan.', {
    timeout: 60_000,
  });

  const other = await (await deviceContext(browser)).newPage();
  await signInTo(other, 'staff@barkavenue.test', '/b/bark-avenue/scan');
  expect((await other.goto(path))?.status()).toBe(404);
  // a driver is sent to their own pages
  const driver = await (await deviceContext(browser)).newPage();
  await driver.goto(`/login?next=${encodeURIComponent(path)}`);
  await driver.getByLabel('E-mail address').fill('driver@happypaws.test');
  await driver.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await driver.getByRole('button', { name: 'Sign in' }).click();
  await expect(driver.getByText('Drivers follow their route under /drive.')).toBeVisible({ timeout: 30_000 });
});
