// The pet taxi end to end: staff plan the demo morning on the dispatch page and give the van carrying Rex to the
// demo driver; the driver (a second browser, location allowed and moved along the route) starts the route and
// marks the first pickup; dispatch sees the stop done without reloading; Rex's parent (a third browser) sees the
// van's ETA and then "picked up"; dispatch's van marker follows the driver's position. Offline: the driver's phone
// reloads /drive with no network (the service worker's stored page, the route list saved on the phone and an
// "offline" banner), a tap made offline is sent once when the network is back. Isolation: the page is for drivers
// only, and a parent cannot mark a stop.
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { DEMO_PASSWORD, deviceContext, demo } from './support/staff.ts';
import { holdTaxiDay, resetTaxiDay } from './support/taxi-day.ts';

const dispatchPath = `/b/${demo.happyPaws.slug}/dispatch`;
const depot = { latitude: 51.5362, longitude: -0.1031 };
const shots = 'test-results/screenshots';
mkdirSync(shots, { recursive: true });
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

test.describe.configure({ mode: 'serial', timeout: 180_000 });

let lock: { release: () => Promise<void> } | null = null;
test.beforeAll(async () => {
  test.setTimeout(300_000);
  lock = await holdTaxiDay();
});
test.afterAll(async () => {
  await resetTaxiDay();
  await lock?.release();
});

/** Signs in through the sign-in page and lands on `path`, with room for a busy shared test machine. */
async function signInTo(page: Page, email: string, path: string): Promise<void> {
  await page.goto(`/login?next=${encodeURIComponent(path)}`);
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname === path, { timeout: 60_000 });
}

async function phone(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize({ width: 412, height: 915 });
  return page;
}

async function axeViolations(page: Page): Promise<unknown[]> {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: () => Promise<{ violations: Array<{ id: string }> }> } }).axe;
    return (await axe.run()).violations.map((v) => v.id);
  });
}

test('dispatch plans, the driver drives, dispatch and the parent follow live', async ({ browser }) => {
  // three browsers, an offline reload and six screenshots: at load 30+ on the shared machine this passed 180 s
  test.setTimeout(300_000);
  // staff plan the day: at least six pickups on two vans
  const staff = await (await deviceContext(browser)).newPage();
  await staff.setViewportSize({ width: 1366, height: 900 });
  await signInTo(staff, 'staff@happypaws.test', dispatchPath);
  await staff.getByRole('button', { name: /plan routes/i }).click();
  await expect(staff.getByRole('status').filter({ hasText: /^Planned \d+ stops on \d+ routes/ })).toBeVisible({
    timeout: 60_000,
  });
  const planned = staff.getByRole('status').filter({ hasText: /^Planned \d+ stops on \d+ routes/ });
  const [, stops, routes] = /Planned (\d+) stops on (\d+) routes/.exec(await planned.innerText()) ?? [];
  expect(Number(stops)).toBeGreaterThanOrEqual(6);
  expect(Number(routes)).toBeGreaterThanOrEqual(2);

  // give the morning route carrying Rex to the demo driver
  const rexRoute = staff
    .getByTestId('route')
    .filter({ has: staff.locator('strong', { hasText: /^Rex$/ }) })
    .filter({ hasText: 'pickup' });
  await expect(rexRoute).toHaveCount(1);
  const van = (await rexRoute.getByRole('heading').first().innerText()).trim();
  await rexRoute.getByLabel(`Driver of ${van}`).selectOption({ label: 'Dev Driver' });
  await rexRoute.getByRole('button', { name: 'Assign' }).click();
  await expect(staff.getByRole('status').filter({ hasText: 'Dev Driver drives the route.' })).toBeVisible();
  const routeId = await rexRoute.getAttribute('data-route');
  expect(routeId).toBeTruthy();

  // the driver, on a phone with location allowed, starts that route
  const driverContext = await deviceContext(browser);
  await driverContext.grantPermissions(['geolocation']);
  await driverContext.setGeolocation(depot);
  const driver = await phone(driverContext);
  await signInTo(driver, 'driver@happypaws.test', '/drive');
  const route = driver.locator(`[data-testid="drive-route"][data-route-id="${routeId}"]`);
  await expect(route).toBeVisible();
  await expect(route.getByTestId('drive-stop').first()).toBeVisible();
  // the route on the phone's map (the light engine, Leaflet): its line on screen and a marker per stop
  const driverMap = route.getByRole('region', { name: /^Map of route/ });
  await expect(driverMap).toHaveAttribute('data-map-ready', 'true', { timeout: 30_000 });
  await expect(driverMap).toHaveAttribute('data-lines-drawn', '1');
  await expect(driverMap.locator('.pc-stop')).toHaveCount(await route.getByTestId('drive-stop').count());
  // over raster tiles from PUBLIC_MAP_TILE_URL (the tile-server stand-in): decoded images, and their credit shown
  const tiles = driverMap.locator('img.leaflet-tile-loaded');
  await expect(tiles.first()).toBeVisible({ timeout: 15_000 });
  expect(await tiles.first().getAttribute('src')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\d+\/\d+\/\d+\.png$/);
  expect(await tiles.evaluateAll((imgs) => imgs.every((i) => (i as HTMLImageElement).naturalWidth === 256))).toBe(true);
  await expect(driverMap.locator('.leaflet-control-attribution')).toContainText('© PawCentral test tiles');
  await driver.screenshot({ path: `${shots}/drive-planned-phone.png`, fullPage: true });
  await route.getByTestId('start-route').click();
  await expect(route.getByTestId('route-status')).toHaveAttribute('data-status', 'in_progress');
  await expect(route.getByTestId('tracking-notice')).toContainText(
    'Sharing your location while the route is in progress',
  );
  await expect(route.getByTestId('tracking-notice')).toHaveAttribute('data-tracking', 'on');
  // joined to route:<id> (the live channel subscribed: Realtime's own client, lib/drive/live.ts)
  await expect(route.getByTestId('tracking-notice')).not.toContainText('Connecting', { timeout: 20_000 });
  // and the phone's own position on its map
  await expect(driverMap.locator('[data-marker-id="van"]')).toHaveAttribute('data-lat', String(depot.latitude));

  // Rex's parent sees the van coming (the ETA comes from the driver's sampled position)
  const parent = await phone(await deviceContext(browser));
  await signInTo(parent, 'parent@happypaws.test', '/portal');
  const rexEta = parent.locator(`[data-slot="pet-eta"][data-pet-id="${demo.rex.petId}"]`).getByTestId('pet-eta-text');
  await expect(rexEta).toHaveText(/The van is on its way — about (a minute|\d+ minutes)\.|Rex is on the van/, {
    timeout: 30_000,
  });

  // dispatch sees the route started without reload
  await expect(rexRoute).toHaveAttribute('data-route-status', 'in_progress', { timeout: 20_000 });
  await expect(rexRoute.getByText(/in progress/)).toBeVisible();

  // dispatch's map shows the van where the phone is
  const vanMarker = staff.locator(`[data-marker-id="van-${routeId}"]`);
  await expect(vanMarker).toHaveAttribute('data-lat', String(depot.latitude), { timeout: 20_000 });
  await expect(vanMarker).toHaveAttribute('data-lng', String(depot.longitude));

  // the van moves towards the first stop: the parent's ETA and dispatch's marker follow without reload
  const first = route.getByTestId('drive-stop').first();
  const firstId = await first.getAttribute('data-stop-id');
  const before = await rexEta.innerText();
  const staffNavigations: string[] = [];
  staff.on('framenavigated', (f) => f === staff.mainFrame() && staffNavigations.push(f.url()));
  await driver.waitForTimeout(2_100); // live positions go out at most every 2 s
  await driverContext.setGeolocation({ latitude: 51.5401, longitude: -0.0999 });
  await expect(vanMarker).toHaveAttribute('data-lat', '51.5401', { timeout: 15_000 });
  await expect(vanMarker).toHaveAttribute('data-lng', '-0.0999');
  expect(staffNavigations).toEqual([]);
  await staff.screenshot({ path: `${shots}/dispatch-van-moved-desktop.png`, fullPage: true });
  await expect(parent.getByTestId('pet-eta').first()).toHaveAttribute('data-status', /on_the_way|aboard|arrived/);
  test.info().annotations.push({ type: 'eta before the move', description: before });

  // a dead spot: the phone reloads /drive with no network and still has the route; a tap waits on the phone
  await expect
    .poll(() => driver.evaluate(async () => (await navigator.serviceWorker.ready).active?.state), { timeout: 30_000 })
    .toBe('activated');
  await expect
    .poll(() =>
      driver.evaluate(async () => {
        const keys = await caches.keys();
        const pages = keys.find((k) => k.startsWith('pages-'));
        return pages ? (await (await caches.open(pages)).keys()).map((r) => new URL(r.url).pathname) : [];
      }),
    )
    .toContain('/drive');
  const opsPosts: string[] = [];
  driver.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/drive/ops' && r.postData()?.includes('"stop"'))
      opsPosts.push(r.postData() ?? '');
  });
  await driverContext.setOffline(true);
  const reloaded = await driver.reload();
  expect(reloaded?.fromServiceWorker()).toBe(true);
  await expect(driver.getByTestId('drive-offline')).toHaveText(
    /^Offline — showing the route as of \d\d:\d\d\. Taps are saved on the phone/,
  );
  await expect(route.getByTestId('drive-stop').first()).toHaveAttribute('data-stop-id', firstId!);
  await expect(route.getByTestId('route-status')).toHaveAttribute('data-status', 'in_progress');
  await first.getByTestId('mark-arrived').click();
  await expect(driver.getByTestId('drive-queued')).toContainText('1 update(s) waiting for the network');
  await driver.screenshot({ path: `${shots}/drive-offline-phone.png`, fullPage: true });
  await driver.setViewportSize({ width: 1366, height: 900 });
  await driver.screenshot({ path: `${shots}/drive-offline-desktop.png`, fullPage: true });
  await driver.setViewportSize({ width: 412, height: 915 });
  const stopStatus = async () => {
    const { withDb } = await import('./support/staff.ts');
    return withDb(
      async (db) =>
        (await db.query('select status from public.route_stops where id = $1', [firstId])).rows[0]?.status as string,
    );
  };
  expect(await stopStatus()).toBe('pending');
  expect(opsPosts).toEqual([]);
  await driverContext.setOffline(false);
  await expect(first).toHaveAttribute('data-status', 'arrived', { timeout: 20_000 });
  await expect(driver.getByTestId('drive-offline')).toHaveCount(0);
  await expect(driver.getByTestId('drive-queued')).toHaveCount(0);
  expect(await stopStatus()).toBe('arrived');
  await driver.waitForTimeout(1_000);
  expect(opsPosts).toHaveLength(1);

  // the driver marks the first pickup; dispatch sees it done without reload
  await first.getByTestId('mark-done').click();
  await expect(first).toHaveAttribute('data-status', 'done');
  await expect(rexRoute.locator('li[data-stop-status="done"]')).toHaveCount(1, { timeout: 15_000 });
  await expect(rexRoute.locator('li[data-stop-status="done"] .status')).toHaveText('done');
  // the stop's change reloaded dispatch's data: the van keeps its place on the map (the driver has not moved)
  await staff.waitForTimeout(1_000);
  await expect(vanMarker).toHaveAttribute('data-lat', '51.5401');

  // on to Rex, if the first stop was someone else's: then Rex is picked up too
  const rexStop = route.getByTestId('drive-stop').filter({ hasText: /^\s*\d*\s*Rex/ });
  if ((await rexStop.getAttribute('data-stop-id')) !== firstId) {
    await driverContext.setGeolocation({ latitude: 51.544, longitude: -0.0977 });
    await rexStop.getByTestId('mark-arrived').click();
    await expect(rexStop).toHaveAttribute('data-status', 'arrived');
    await expect(rexEta).toHaveText('The van is at your door.', { timeout: 15_000 });
    await rexStop.getByTestId('mark-done').click();
    await expect(rexStop).toHaveAttribute('data-status', 'done');
  }
  await expect(rexEta).toHaveText(/^Rex was picked up at \d\d:\d\d\.$/, { timeout: 15_000 });
  await parent.screenshot({ path: `${shots}/portal-eta-picked-up-phone.png`, fullPage: true });
  await driver.screenshot({ path: `${shots}/drive-in-progress-phone.png`, fullPage: true });

  // finishing with stops still open asks first, then marks them not served
  await route.getByTestId('finish-route').click();
  await route.getByTestId('confirm-finish').click();
  await expect(route.getByTestId('route-status')).toHaveAttribute('data-status', 'done');
  await expect(route.getByTestId('tracking-notice')).toHaveCount(0);
});

test('the drivers page is for drivers; a parent cannot mark a stop', async ({ browser }) => {
  // axe is injected, so these two contexts bypass the CSP (the page's own CSP is exercised by the test above)
  const driver = await phone(await deviceContext(browser, { bypassCSP: true }));
  await signInTo(driver, 'driver@happypaws.test', '/drive');
  await expect(driver.getByTestId('drive-route').first()).toBeVisible();
  expect(await axeViolations(driver)).toEqual([]);
  await driver.setViewportSize({ width: 1366, height: 900 });
  expect(await axeViolations(driver)).toEqual([]);
  await driver.screenshot({ path: `${shots}/drive-desktop.png`, fullPage: true });

  const other = await phone(await deviceContext(browser, { bypassCSP: true }));
  await signInTo(other, 'staff@barkavenue.test', '/drive');
  await expect(other.getByTestId('not-a-driver')).toContainText('This page is for drivers');
  expect(await axeViolations(other)).toEqual([]);

  const parent = await phone(await deviceContext(browser));
  await signInTo(parent, 'parent@happypaws.test', '/drive');
  await expect(parent.getByTestId('not-a-driver')).toBeVisible();
  const stopId = await (async () => {
    const { withDb } = await import('./support/staff.ts');
    return withDb(async (db) => (await db.query('select id from public.route_stops limit 1')).rows[0]?.id as string);
  })();
  const response = await parent.request.post('/drive/ops', {
    data: { id: crypto.randomUUID(), kind: 'stop', payload: { stop_id: stopId, action: 'done' } },
  });
  expect(response.status()).toBe(409);
  expect((await response.json()).message).toBe(
    'That stop is not on one of your routes. Reload the page to see your route as it is now.',
  );
});
