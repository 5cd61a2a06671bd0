// A brand-new owner starts from nothing but the sign-up page: account, confirmation by the e-mailed link,
// "Create your business" (a taken web address refused live and on submit), then opening hours and a
// closed day for the first location, and a second location. All through pages, no SQL.
import { expect, test } from './fixtures.ts';
import { uniqueEmail } from '../support/stack.ts';
import { PASSWORD, verifyLinkFromMail } from './support.ts';

test('a new user signs up, confirms by e-mail, creates a business and sets its opening hours', async ({ page }) => {
  test.setTimeout(180_000); // a whole onboarding, many page loads
  const email = uniqueEmail('founder');
  const slug = `paws-${Date.now().toString(36)}`;

  await page.goto('/');
  await page.getByRole('link', { name: 'Create an account' }).click();
  await expect(page).toHaveURL(/\/signup$/);
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill('short');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('Use at least 8 characters.')).toBeVisible();
  await expect(page.getByLabel('E-mail address')).toHaveValue(email);

  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('status')).toContainText('Check your inbox');

  // the link goes through Auth's /verify back to /auth/confirm, which signs the browser in
  await page.goto(await verifyLinkFromMail(email));
  await expect(page).toHaveURL(/\/new-business$/);
  await expect(page.getByRole('heading', { name: 'Create your business' })).toBeVisible();

  // the web address follows the name and is checked live; the demo's is taken
  await page.getByLabel('Business name').fill('Happy Paws');
  await expect(page.getByLabel('Web address')).toHaveValue('happy-paws');
  await expect(page.getByTestId('slug-status')).toHaveText('“happy-paws” is taken. Try another.');
  // the time zone starts from the browser's (Playwright's default: the machine's)
  const browserZone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  await expect(page.getByLabel('Time zone')).toHaveValue(browserZone === 'Etc/UTC' ? 'UTC' : browserZone);
  await page.getByLabel('Time zone').selectOption('Europe/London');
  await page.getByLabel('Currency').selectOption('GBP');
  await page.getByLabel('Location name').fill('Shoreditch');
  await page.getByLabel('Address', { exact: true }).fill('1 Curtain Road, London EC2A 3JX');
  await page.getByLabel('Latitude').fill('51.5246');
  await page.getByLabel('Longitude').fill('-0.0795');
  // submitted anyway, the taken address is refused beside its field and nothing typed is lost
  await page.getByRole('button', { name: 'Create business' }).click();
  await expect(page.getByText('The web address “happy-paws” is taken. Try another.')).toBeVisible();
  await expect(page.getByLabel('Location name')).toHaveValue('Shoreditch');

  await page.getByLabel('Web address').fill(slug);
  await expect(page.getByTestId('slug-status')).toHaveText(`pawcentral/b/${slug} is free.`);
  await page.getByLabel('Web address').press('Enter');
  await expect(page).toHaveURL(new RegExp(`/b/${slug}/settings/locations\\?welcome=1$`));
  await expect(page.getByText('Your business is ready.')).toBeVisible();

  const site = page.getByTestId('location').filter({ hasText: 'Shoreditch' });
  await expect(site.getByLabel('Latitude')).toHaveValue('51.5246');

  // hours: Monday closes before it opens → refused with a sentence; then a proper week
  await site.getByLabel('Monday opens').fill('19:00');
  await site.getByLabel('Monday closes').fill('07:00');
  await site.getByRole('button', { name: 'Save opening hours' }).click();
  await expect(site.getByText('Monday must close after it opens')).toBeVisible();
  for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday']) {
    await site.getByLabel(`${day} opens`).fill('07:00');
    await site.getByLabel(`${day} closes`).fill('19:00');
  }
  await site.getByLabel('Open on Saturday').check();
  await site.getByLabel('Saturday opens').fill('08:00');
  await site.getByLabel('Saturday closes').fill('14:00');
  await site.getByLabel('Open on Sunday').uncheck();
  await site.getByRole('button', { name: 'Save opening hours' }).click();
  await expect(site.getByText('Opening hours saved.')).toBeVisible();
  await page.reload();
  await expect(site.getByLabel('Saturday closes')).toHaveValue('14:00');
  await expect(site.getByLabel('Open on Sunday')).not.toBeChecked();

  // the desk's home is the set-up checklist while steps are left: the hours are ticked, the rest link on
  await page.goto(`/b/${slug}`);
  const checklist = page.getByTestId('setup-checklist');
  await expect(checklist.getByText('Set opening hours')).toBeVisible();
  await expect(checklist.getByRole('link', { name: 'Set opening hours' })).toHaveCount(0);
  await expect(checklist.getByRole('link', { name: 'Add a service' })).toBeVisible();
  await expect(checklist.getByRole('link', { name: 'Add your first client' })).toBeVisible();
  await page.goto(`/b/${slug}/settings/locations`);

  // a closed day with its reason
  await site.getByLabel('Closed on').fill('2027-12-25');
  await site.getByLabel('Reason').fill('Christmas Day');
  await site.getByRole('button', { name: 'Add closed day' }).click();
  await expect(site.getByText('2027-12-25 — Christmas Day')).toBeVisible();

  // a second location, then deactivated
  await page.getByLabel('Name', { exact: true }).last().fill('Hackney');
  await page.getByRole('button', { name: 'Add location' }).click();
  const second = page.getByTestId('location').filter({ hasText: 'Hackney' });
  await expect(second).toBeVisible();
  await second.getByRole('button', { name: 'Deactivate location' }).click();
  await expect(second.getByRole('heading', { level: 2 })).toHaveText('Hackney (deactivated)');

  // the home page is the business switcher
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Your businesses' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Happy Paws' })).toHaveAttribute('href', `/b/${slug}`);
});

test('staff get a 403 page on the settings, owners and managers the settings', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('/login');
  await page.getByLabel('E-mail address').fill('staff@happypaws.test');
  await page.getByLabel('Password', { exact: true }).fill('pawcentral-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/account$/);
  const response = await page.goto('/b/happy-paws/settings/locations');
  expect(response?.status()).toBe(403);
  await expect(page.getByText('The settings of a business are for its owners and managers.')).toBeVisible();
  // another business's settings do not even exist for them
  expect((await page.goto('/b/bark-avenue/settings'))?.status()).toBe(404);
});
