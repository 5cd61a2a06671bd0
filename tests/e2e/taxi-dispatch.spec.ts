// Dispatch plans the demo morning: eight pickups (and Rex's drop-off) with the two vans in service from
// Settings → Vehicles. Routes appear in the list and on the map, each van's route names its stops in
// order with ETAs, km and minutes; staff assign the demo driver; a plan that cannot be made keeps the
// previous one with a sentence. Another business's staff never reach the page.
import { expect, test } from './fixtures.ts';
import { DEMO_PASSWORD, deviceContext, demo, signInTo } from './support/staff.ts';

const path = `/b/${demo.happyPaws.slug}/dispatch`;

test.describe.configure({ timeout: 300_000 });

test('staff plan the demo day with two vans and assign the driver', async ({ browser }) => {
  const page = await (await deviceContext(browser)).newPage();
  await signInTo(page, 'staff@happypaws.test', path);
  await expect(page.getByRole('region', { name: "Map of the day's routes" })).toHaveAttribute(
    'data-map-ready',
    'true',
    {
      timeout: 30_000,
    },
  );
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
  // the map shows a numbered marker per stop, and the GPU drew every route's line (rendered features of
  // the line layer, read back from MapLibre once the map settles)
  await expect(page.locator('.pc-stop')).toHaveCount(9);
  const map = page.getByRole('region', { name: "Map of the day's routes" });
  await expect(map).toHaveAttribute('data-lines-drawn', String(await routes.count()), { timeout: 20_000 });
  await page.screenshot({ path: test.info().outputPath('dispatch-planned-desktop.png'), fullPage: true });
  await page.setViewportSize({ width: 412, height: 915 });
  await expect(map).toHaveAttribute('data-lines-drawn', String(await routes.count()), { timeout: 20_000 });
  await page.screenshot({ path: test.info().outputPath('dispatch-planned-phone.png'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 720 });

  // reorder by the keyboard-reachable buttons: Green's first stop goes later, both re-timed
  const greenFirst = (await green.locator('li strong').allInnerTexts())[0];
  await green.getByRole('button', { name: `Move ${greenFirst} later` }).click();
  await expect(
    page.getByRole('status').filter({ hasText: `${greenFirst} moved; the routes are re-timed.` }),
  ).toBeVisible({
    timeout: 60_000,
  });
  await expect(green.locator('li strong').last()).toHaveText(greenFirst);

  // move Green's stops onto the Blue van until a rule breaks (6 seats for 8 pickups at the latest): the
  // warning names it, nothing is saved until "Save anyway"
  const warning = page.getByTestId('edit-warning');
  for (let i = 0; i < 4 && !(await warning.isVisible()); i++) {
    const before = await blue.locator('li').count();
    const pet = (await green.locator('li strong').allInnerTexts())[0];
    await green.locator('li').first().getByRole('button', { name: 'Move to van' }).click();
    await expect(warning.or(page.getByRole('status').filter({ hasText: `${pet} moved` }))).toBeVisible({
      timeout: 60_000,
    });
    if (!(await warning.isVisible())) await expect(blue.locator('li')).toHaveCount(before + 1);
  }
  await expect(warning).toContainText(
    /would (carry \d+ pets .* seats|reach .* after the end of the time window|be back)/,
  );
  const moving = (await green.locator('li strong').allInnerTexts())[0];
  await expect(green.locator('li strong').first()).toHaveText(moving);
  await page.screenshot({ path: test.info().outputPath('dispatch-warning.png'), fullPage: true });
  await warning.getByRole('button', { name: 'Save anyway' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'saved despite the warning' })).toBeVisible({
    timeout: 60_000,
  });
  await expect(blue.locator('li strong').last()).toHaveText(moving);

  // assign the demo driver to the Green van
  await green.getByLabel('Driver of Green van').selectOption({ label: 'Dev Driver' });
  await green.getByRole('button', { name: 'Assign' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Dev Driver drives the route.' })).toBeVisible();
  await page.reload();
  await expect(
    page.getByTestId('route').filter({ has: page.getByRole('heading', { name: 'Green van', exact: true }) }),
  ).toContainText('Dev Driver');
});

test('staff add transport: an address the geocoder knows is placed, one it does not waits for a pin and is left out of the plan with that reason', async ({
  browser,
}) => {
  const page = await (await deviceContext(browser)).newPage();
  const day = '2031-02-04';
  await signInTo(page, 'staff@happypaws.test', `${path}?date=${day}`);
  await expect(page.getByRole('region', { name: "Map of the day's routes" })).toHaveAttribute(
    'data-map-ready',
    'true',
    {
      timeout: 30_000,
    },
  );
  const add = async (kind: 'Pickup' | 'Drop-off', address: string, from: string, to: string) => {
    await page.getByText('Add a pickup or drop-off').click();
    await page.getByLabel('Pet', { exact: true }).selectOption({ label: 'Rex (Jordan Parker)' });
    await page.getByLabel(kind).check();
    await page.getByLabel('Window from').fill(from);
    await page.getByLabel('to', { exact: true }).fill(to);
    await page.getByLabel('Address').fill(address);
    await page.getByRole('button', { name: 'Add', exact: true }).click();
  };
  // the window the wrong way round is refused on its field, nothing saved
  await add('Pickup', '200 York Way, London N7 9AP', '09:00', '08:00');
  await expect(page.getByText('The window must end after it starts.')).toBeVisible();
  await page.getByLabel('Window from').fill('07:30');
  await page.getByLabel('to', { exact: true }).fill('08:30');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(
    page.getByRole('status').filter({ hasText: /Saved Rex’s pickup \(placed on the map at York Way/ }),
  ).toBeVisible({
    timeout: 30_000,
  });
  await add('Drop-off', '1 Nowhere Lane, Atlantis', '17:00', '18:00');
  await expect(page.getByRole('status').filter({ hasText: /listed as needing a pin/ })).toBeVisible({
    timeout: 30_000,
  });
  const list = page.getByTestId('unserved');
  await expect(list.locator('li').filter({ hasText: 'Nowhere Lane' })).toContainText('needs a pin');

  await page.getByRole('button', { name: 'Plan routes' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Planned 1 stop on 1 route/ })).toBeVisible({
    timeout: 60_000,
  });
  await expect(list.locator('li')).toHaveCount(1);
  await expect(list).toContainText('needs a pin');
  await expect(page.getByTestId('route')).toContainText('200 York Way');
});

test('a day with nothing to plan keeps the page and says why; other businesses get a 404', async ({ browser }) => {
  const page = await (await deviceContext(browser)).newPage();
  await signInTo(page, 'staff@happypaws.test', `${path}?date=2031-01-07`);
  await expect(page.getByRole('region', { name: "Map of the day's routes" })).toHaveAttribute(
    'data-map-ready',
    'true',
    {
      timeout: 30_000,
    },
  );
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
