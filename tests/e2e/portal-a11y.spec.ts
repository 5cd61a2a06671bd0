// Every portal page, at a phone's size (and the home at a desk's), checked with axe-core like the staff pages
// (tests/e2e/staff-a11y.spec.ts): zero violations. Each page is saved as a screenshot.
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

const shots = 'test-results/screenshots';
mkdirSync(shots, { recursive: true });
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

const pages: Array<[string, string, Array<'phone' | 'desktop'>]> = [
  ['portal-home', '/portal', ['phone', 'desktop']],
  ['portal-pet', `/portal/pets/${demo.rex.petId}`, ['phone', 'desktop']],
  ['portal-bookings', '/portal/bookings', ['phone']],
  ['portal-messages', '/portal/messages', ['phone']],
  ['portal-calendar', '/portal/calendar', ['phone']],
  ['portal-privacy', '/portal/privacy', ['phone', 'desktop']],
  ['portal-pet-luna', `/portal/pets/${demo.luna.petId}`, ['phone']],
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
});
