// Every staff page, at a phone's and a desk's size, checked with axe-core: zero violations, with the
// label-in-name rule on too (a control's accessible name must contain the text it shows, so speech
// users can say what they see). Each page is also saved as a screenshot at both sizes.
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { addDays } from '../../web/src/lib/bookings/calendar.ts';
import { businessDay } from '../../web/src/lib/scan/day.ts';
import { deviceContext, demo, signInTo } from './support/staff.ts';

const shots = 'test-results/screenshots';
mkdirSync(shots, { recursive: true });

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const base = `/b/${demo.happyPaws.slug}`;
const clientId = 'c1000000-0000-4000-8000-000000000001';
const today = businessDay('Europe/London').date;

const pages: Array<[string, string]> = [
  ['home', base],
  ['scan', `${base}/scan`],
  ['roster', `${base}/roster`],
  ['clients', `${base}/clients?q=re`],
  ['clients-new', `${base}/clients/new`],
  ['client', `${base}/clients/${clientId}`],
  ['pet', `${base}/pets/${demo.rex.petId}`],
  ['pet-tags', `${base}/pets/${demo.rex.petId}/tags`],
  ['bookings-day', `${base}/bookings?date=${today}`],
  ['bookings-week', `${base}/bookings?date=${addDays(today, 1)}&view=week`],
  ['bookings-family', `${base}/bookings?date=${today}&q=Rex`],
  ['dashboard', `${base}/dashboard`],
  ['health', `${base}/health`],
  ['health-pet', `${base}/health/pets/${demo.luna.petId}`],
  ['health-review', `${base}/health/review`],
  ['health-medication', `${base}/health/medication`],
  ['health-incidents', `${base}/health/incidents`],
  ['settings', `${base}/settings`],
  ['settings-locations', `${base}/settings/locations`],
  ['new-business', '/new-business'],
  ['settings-team', `${base}/settings/team`],
  ['settings-services', `${base}/settings/services`],
  ['settings-vaccines', `${base}/settings/vaccines`],
  ['account', '/account'],
  ['settings-messages', `${base}/settings/messages`],
  ['settings-webhooks', `${base}/settings/webhooks`],
  ['account-notifications', '/account/notifications'],
  ['partners', `${base}/partners`],
  ['partner', `${base}/partners/0b100000-0000-4000-8000-000000000003`],
  ['settings-vehicles', `${base}/settings/vehicles`],
  ['dispatch', `${base}/dispatch`],
  ['audit', `${base}/audit`],
];

const sizes = [
  { name: 'phone', viewport: { width: 412, height: 915 } },
  { name: 'desktop', viewport: { width: 1366, height: 900 } },
];

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; failureSummary?: string }>;
}

async function violations(page: Page): Promise<Violation[]> {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (o: unknown) => Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run({ rules: { 'label-content-name-mismatch': { enabled: true } } });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  });
}

for (const size of sizes) {
  test.describe(`at ${size.name} size`, () => {
    test.describe.configure({ mode: 'serial' });
    let context: BrowserContext;
    let page: Page;

    test.beforeAll(async ({ browser }) => {
      // axe is injected as a script tag, which the app's Content-Security-Policy rightly refuses.
      context = await deviceContext(browser, { bypassCSP: true });
      page = await context.newPage();
      await page.setViewportSize(size.viewport);
      await signInTo(page, 'owner@happypaws.test', `${base}/scan`);
    });

    test.afterAll(async () => {
      await context.close();
    });

    for (const [name, path] of pages) {
      test(`the ${name} page has no axe violations`, async () => {
        const response = await page.goto(path);
        expect(response?.status(), path).toBe(200);
        await page.waitForLoadState('networkidle');
        await page.screenshot({ path: `${shots}/a11y-${name}-${size.name}.png`, fullPage: true });
        expect(await violations(page)).toEqual([]);
      });
    }
  });
}
