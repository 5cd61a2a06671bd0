// The staff app as an installed PWA: the manifest and its icons, and the service worker that lets the
// desk reopen the scanner with no network while keeping every other page (and anything after sign-out)
// out of its cache. One desk device is shared by the tests in order, as a phone on the desk would be.
// The offline scan checks Rex in, so Rex is put back before and after.
import { mkdirSync } from 'node:fs';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { demo, deviceContext, holdDemoPets, openScanner, resetDemoPets, scansOf } from './support/staff.ts';

test.describe.configure({ mode: 'serial' });

const shots = 'test-results/screenshots';
mkdirSync(shots, { recursive: true });

const scanPath = `/b/${demo.happyPaws.slug}/scan`;
let device: BrowserContext;
let page: Page;

let demoPets: { release: () => Promise<void> } | undefined;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(300_000);
  demoPets = await holdDemoPets();
  await resetDemoPets();
  device = await deviceContext(browser);
  page = await device.newPage();
});

test.afterAll(async () => {
  await device?.close();
  await resetDemoPets();
  await demoPets?.release();
});

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** What the worker holds in its page cache, as paths. */
async function cachedPages(on: Page): Promise<string[]> {
  return on.evaluate(async () => {
    const paths: string[] = [];
    for (const key of await caches.keys()) {
      if (!key.startsWith('pages-')) continue;
      for (const request of await (await caches.open(key)).keys()) paths.push(new URL(request.url).pathname);
    }
    return paths;
  });
}

test('the manifest is served with its 192 and 512 pixel PNG icons reachable', async ({ request }) => {
  const response = await request.get('/manifest.webmanifest');
  expect(response.status()).toBe(200);
  const manifest = (await response.json()) as {
    start_url: string;
    display: string;
    icons: Array<{ src: string; sizes: string; type: string; purpose: string }>;
  };
  expect(manifest.display).toBe('standalone');
  expect(manifest.start_url).toBe('/account');
  const pngs = manifest.icons.filter((icon) => icon.type === 'image/png');
  expect(pngs.map((icon) => `${icon.sizes} ${icon.purpose}`).sort()).toEqual([
    '192x192 any',
    '512x512 any',
    '512x512 maskable',
  ]);
  for (const icon of pngs) {
    const file = await request.get(icon.src);
    expect(file.status(), icon.src).toBe(200);
    expect(file.headers()['content-type']).toBe('image/png');
    const [width, height] = icon.sizes.split('x').map(Number);
    expect(pngSize(await file.body())).toEqual({ width, height });
  }
  expect(manifest.icons.some((icon) => icon.src === '/favicon.svg')).toBe(true);
});

test('the service worker activates on the scan page and stores the scanner shell from that one visit', async () => {
  await openScanner(page, 'staff@happypaws.test');
  // `ready` resolves once a worker is active, which may still be 'activating': wait for the state itself.
  await expect
    .poll(() => page.evaluate(async () => (await navigator.serviceWorker.ready).active?.state))
    .toBe('activated');
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
  await expect.poll(() => cachedPages(page)).toEqual([scanPath]);
});

test('offline, the scan page reloads from the cache, queues a typed tag, and sends it once when back online', async () => {
  await device.setOffline(true);
  const response = await page.reload();
  expect(response?.fromServiceWorker()).toBe(true);
  await expect(page.locator('[data-ready="true"]')).toBeVisible();
  await expect(page.getByLabel('Tag number')).toBeVisible();

  await page.getByLabel('Tag number').fill('04A1B2C3D4E501');
  await page.getByLabel('Tag number').press('Enter');
  await expect(page.getByTestId('scan-saved')).toContainText('saved on this phone');
  await expect(page.getByTestId('queue-count')).toHaveText('1 scan waiting to be sent');
  await page.screenshot({ path: `${shots}/staff-pwa-offline-scan.png`, fullPage: true });
  expect(await scansOf(demo.rex.petId)).toEqual([]);

  await device.setOffline(false);
  await expect(page.getByTestId('scan-headline')).toHaveText('Rex is checked in');
  await expect(page.getByTestId('queue-count')).toHaveCount(0);
  const scans = await scansOf(demo.rex.petId);
  expect(scans).toHaveLength(1);
  await page.waitForTimeout(500);
  expect(await scansOf(demo.rex.petId)).toEqual(scans);
});

test('the roster is never stored, so offline it gets the browser’s offline error', async () => {
  const roster = `/b/${demo.happyPaws.slug}/roster`;
  await page.goto(roster);
  await expect(page.getByTestId('roster-expected')).toBeVisible();
  expect(await cachedPages(page)).toEqual([scanPath]);

  await device.setOffline(true);
  await expectOfflineFailure(roster, /ERR_INTERNET_DISCONNECTED/);
  await device.setOffline(false);
});

test('after signing out, the stored scanner page is gone and does not open offline', async () => {
  await page.goto(scanPath);
  await expect(page.locator('[data-ready="true"]')).toBeVisible();
  expect(await cachedPages(page)).toEqual([scanPath]);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login\?notice=signed-out$/);
  await expect.poll(() => cachedPages(page)).toEqual([]);
  // The immutable assets stay: they hold no one's data.
  expect((await page.evaluate(() => caches.keys())).some((key) => key.startsWith('assets-'))).toBe(true);

  // The worker still answers scanner navigations, but with nothing stored the network error goes through.
  await device.setOffline(true);
  await expectOfflineFailure(scanPath, /net::ERR_FAILED/);
  await device.setOffline(false);
});

/**
 * Opens `path` offline in a throwaway tab of the desk device and expects the navigation to fail. Chromium reloads
 * a network-error page by itself once the network is back, which raced the next test's navigation when the
 * shared page was used; closing the tab takes its error page and that reload with it.
 */
async function expectOfflineFailure(path: string, error: RegExp): Promise<void> {
  const probe = await device.newPage();
  try {
    await expect(probe.goto(path)).rejects.toThrow(error);
  } finally {
    await probe.close();
  }
}
