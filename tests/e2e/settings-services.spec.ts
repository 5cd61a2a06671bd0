// The owner sets up services from /settings/services: a daycare with two places a day, a bad price kept
// with its message, a grooming service needs a duration, and deactivating keeps the service listed.
import { expect, test } from './fixtures.ts';
import { demo, holdAppScripts, signInTo } from './support/staff.ts';

test.describe.configure({ timeout: 90_000 });

test('the owner creates a daycare service with capacity 2, edits it and deactivates it', async ({ page }) => {
  const name = `Puppy club ${Date.now().toString(36)}`;
  await signInTo(page, 'owner@happypaws.test', `/b/${demo.happyPaws.slug}/settings/services`);
  await expect(page.getByRole('heading', { name: 'Services' })).toBeVisible();
  await page.getByText('Add a service').click();
  const add = page.locator('form[action="?/create"]');
  await add.getByLabel('Kind').selectOption('daycare');
  await add.getByLabel('Name').fill(name);
  await add.getByLabel('Price (GBP) per day').fill('32,5x');
  await add.getByLabel('Places per day').fill('2');
  await add.getByRole('checkbox', { name: 'Rabies' }).first().check();
  await add.getByRole('button', { name: 'Add service' }).click();
  await expect(add.getByText('Enter a price like 25 or 25.50.')).toBeVisible();
  await expect(add.getByLabel('Name')).toHaveValue(name);
  await expect(add.getByLabel('Places per day')).toHaveValue('2');

  await add.getByLabel('Price (GBP) per day').fill('32.50');
  await add.getByRole('button', { name: 'Add service' }).click();
  await expect(page.getByRole('status')).toHaveText(`${name} added.`);
  const card = page.getByTestId('services').getByRole('listitem').filter({ hasText: name });
  await expect(card).toContainText('Daycare (per day) · £32.50');
  await expect(card).toContainText('2 places a day');

  // Grooming needs a duration.
  await card.getByText(`Edit ${name}`).click();
  await card.getByLabel('Kind').selectOption('grooming');
  await card.getByRole('button', { name: `Save ${name}` }).click();
  await expect(card.getByText('Enter how long it takes, in minutes.')).toBeVisible();
  await card.getByLabel('Duration (minutes)').fill('45');
  await card.getByLabel('Places per day').fill('');
  await card.getByRole('button', { name: `Save ${name}` }).click();
  await expect(page.getByRole('status')).toHaveText(`${name} saved.`);
  await expect(card).toContainText('Grooming · £32.50 · 45 min');
  await expect(card).toContainText('no daily limit');

  await card.getByRole('button', { name: `Deactivate ${name}` }).click();
  await expect(page.getByRole('status')).toContainText('Service deactivated');
  await expect(card).toContainText('deactivated');
  await expect(card.getByRole('button', { name: `Offer ${name} again` })).toBeVisible();

  // The audit log shows who did it, filtered to services.
  await page.getByRole('link', { name: 'Audit log' }).click();
  await page.getByLabel('What').selectOption('services');
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page).toHaveURL(/table=services/);
  await expect(page.getByTestId('audit-entries')).toContainText('Olivia Owner changed services: is_active');
  await expect(page.getByTestId('audit-entries')).toContainText('Olivia Owner added services');
});

test('“Add a service” tapped before the page’s script has loaded stays open once it has', async ({ page }) => {
  await signInTo(page, 'owner@happypaws.test', `/b/${demo.happyPaws.slug}/settings`);
  // a slow phone: the page is shown, its script still on the way
  const release = await holdAppScripts(page);
  await page.goto(`/b/${demo.happyPaws.slug}/settings/services`, { waitUntil: 'commit' });
  await page.getByText('Add a service').click();
  const add = page.locator('form[action="?/create"]');
  await expect(add.getByLabel('Name')).toBeVisible();
  expect(await page.evaluate(() => document.querySelector('form[action="?/create"]')?.closest('details')?.open)).toBe(
    true,
  );

  // the script arrives and hydrates the page, which resets <details open> to what the server rendered
  release();
  await page.waitForLoadState('networkidle'); // the modules loaded and ran: hydration is synchronous after them
  await expect(add.getByLabel('Name')).toBeVisible();
  await add.getByLabel('Name').fill('Typed after the script loaded');
  await expect(add.getByLabel('Name')).toHaveValue('Typed after the script loaded');
  await page.unrouteAll({ behavior: 'ignoreErrors' });
});
