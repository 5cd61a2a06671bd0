// Every portal page, at a phone's size and a desk's, checked with axe-core like the staff pages
// (tests/e2e/staff-a11y.spec.ts): zero violations. Each page is saved as a screenshot (into SHOTS_DIR when set).
// On a phone every tab of the portal's bar is on screen without scrolling, big enough to tap, and the
// current one is marked aria-current.
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { deviceContext, demo, holdDemoPets, DEMO_PASSWORD } from './support/staff.ts';

/** Signs in through the sign-in page and lands on `path` (with room for a busy test machine). */
async function portalSignIn(page: Page, email: string, path: string): Promise<void> {
  await page.goto(`/login?next=${encodeURIComponent(path)}`);
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname === path, { timeout: 30_000 });
}

const shots = process.env.SHOTS_DIR ?? 'test-results/screenshots';
mkdirSync(shots, { recursive: true });
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

const pages: Array<[string, string, Array<'phone' | 'desktop'>]> = [
  ['portal-home', '/portal', ['phone', 'desktop']],
  ['portal-pet', `/portal/pets/${demo.rex.petId}`, ['phone', 'desktop']],
  ['portal-bookings', '/portal/bookings', ['phone', 'desktop']],
  ['portal-messages', '/portal/messages', ['phone', 'desktop']],
  ['portal-calendar', '/portal/calendar', ['phone', 'desktop']],
  ['portal-privacy', '/portal/privacy', ['phone', 'desktop']],
  ['portal-pet-luna', `/portal/pets/${demo.luna.petId}`, ['phone', 'desktop']],
];
const viewports = { phone: { width: 412, height: 915 }, desktop: { width: 1366, height: 900 } };

async function violations(page: Page): Promise<unknown[]> {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (o: unknown) => Promise<{ violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> }>;
        };
      }
    ).axe;
    const result = await axe.run({ rules: { 'label-content-name-mismatch': { enabled: true } } });
    return result.violations.map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target) }));
  });
}

test.describe('portal pages', () => {
  test.describe.configure({ mode: 'serial', timeout: 60_000 });
  let context: BrowserContext;
  let page: Page;

  let demoPets: { release: () => Promise<void> } | undefined;

  test.beforeAll(async ({ browser }) => {
    test.setTimeout(300_000);
    // portal-journey.spec.ts unlinks the demo parent for a moment (to invite them again): wait for it
    demoPets = await holdDemoPets();
    context = await deviceContext(browser, { bypassCSP: true });
    page = await context.newPage();
    await portalSignIn(page, 'parent@happypaws.test', '/portal');
  });

  test.afterAll(async () => {
    await context.close();
    await demoPets?.release();
  });

  for (const [name, path, sizes] of pages) {
    for (const size of sizes) {
      test(`the ${name} page at ${size} size has no axe violations`, async () => {
        await page.setViewportSize(viewports[size]);
        const response = await page.goto(path);
        expect(response?.status(), path).toBe(200);
        await page.waitForLoadState('networkidle');
        await page.screenshot({ path: `${shots}/${name}-${size}.png`, fullPage: true });
        expect(await violations(page)).toEqual([]);
      });
    }
  }

  const tabs = [
    ['Today', '/portal'],
    ['Bookings', '/portal/bookings'],
    ['Messages', '/portal/messages'],
    ['Calendar', '/portal/calendar'],
    ['Your data', '/portal/privacy'],
  ] as const;

  for (const size of ['phone', 'desktop'] as const) {
    test(`every portal tab is on screen at ${size} size, tappable, reachable by keyboard, the current one marked`, async () => {
      await page.setViewportSize(viewports[size]);
      for (const [current, path] of tabs) {
        await page.goto(path);
        const nav = page.getByRole('navigation', { name: 'Portal' });
        for (const [label] of tabs) {
          const tab = nav.getByRole('link', { name: label, exact: true });
          // in the viewport as laid out, without scrolling the bar (the old strip hid "Your data" at 412 px)
          await expect(tab).toBeInViewport({ ratio: 1 });
          const box = (await tab.boundingBox())!;
          expect(box.x, `${label} starts on screen`).toBeGreaterThanOrEqual(0);
          expect(box.x + box.width, `${label} ends on screen`).toBeLessThanOrEqual(viewports[size].width);
          expect(box.height, `${label} is at least 44 px tall`).toBeGreaterThanOrEqual(44);
          expect(box.width, `${label} is at least 44 px wide`).toBeGreaterThanOrEqual(44);
          if (label === current) await expect(tab).toHaveAttribute('aria-current', 'page');
          else await expect(tab).not.toHaveAttribute('aria-current');
        }
        // the bar does not scroll sideways: nothing in it is hidden
        expect(await nav.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
      }
      // keyboard: Tab walks through all five in order from the first
      await page.goto('/portal');
      const nav = page.getByRole('navigation', { name: 'Portal' });
      await nav.getByRole('link', { name: 'Today', exact: true }).focus();
      for (const [label] of tabs.slice(1)) {
        await page.keyboard.press('Tab');
        await expect(nav.getByRole('link', { name: label, exact: true })).toBeFocused();
      }
      await page.keyboard.press('Enter');
      await expect(page).toHaveURL(/\/portal\/privacy$/);
    });
  }
});
