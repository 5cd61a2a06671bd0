// A brand-new owner starts from nothing but the sign-up page: account, confirmation by the e-mailed link,
// "Create your business" (a taken web address refused live and on submit), then opening hours and a
// closed day for the first location, and a second location. All through pages, no SQL.
// The whole of #9 in one story: sign-up to the first check-in by a member of staff invited by e-mail.
import { expect, test } from './fixtures.ts';
import { uniqueEmail, waitForMail } from '../support/stack.ts';
import { PASSWORD, verifyLinkFromMail } from './support.ts';
import { deviceContext } from './support/staff.ts';

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

test('from sign-up to the first check-in: hours, a daycare of 2 places, an invited colleague, a client, a tag, a tap', async ({
  page,
  browser,
}) => {
  test.setTimeout(300_000); // two people, the inbox twice, a dozen pages on a shared machine
  const email = uniqueEmail('journey-owner');
  const staffEmail = uniqueEmail('journey-staff');
  const slug = `journey-${Date.now().toString(36)}`;
  const service = 'Daycare for two';

  // 1. sign up, confirm by the inbox link
  await page.goto('/signup');
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('status')).toContainText('Check your inbox');
  await page.goto(await verifyLinkFromMail(email));
  await expect(page).toHaveURL(/\/new-business$/);

  // 2. the business and its first location, pinned on the map (typed first, then moved by a click)
  await page.getByLabel('Business name').fill('Journey Daycare');
  await page.getByLabel('Web address').fill(slug);
  await expect(page.getByTestId('slug-status')).toHaveText(`pawcentral/b/${slug} is free.`);
  await page.getByLabel('Time zone').selectOption('UTC');
  await page.getByLabel('Currency').selectOption('GBP');
  await page.getByLabel('Location name').fill('Main site');
  await page.getByLabel('Address', { exact: true }).fill('2 Example Street, London');
  const map = page.getByRole('region', { name: /map/ });
  await expect(map).toHaveAttribute('data-map-ready', 'true', { timeout: 30_000 });
  await page.getByLabel('Latitude').fill('51.5');
  await page.getByLabel('Longitude').fill('-0.12');
  // the map sits below the fold on a phone-sized page: bring it into view, let the typed point's fly-to end
  await map.scrollIntoViewIfNeeded();
  await page.waitForTimeout(1500);
  const box = (await map.boundingBox())!;
  await page.mouse.click(box.x + box.width * 0.75, box.y + box.height * 0.25);
  await expect(page.getByLabel('Latitude')).not.toHaveValue('51.5');
  const lat = Number(await page.getByLabel('Latitude').inputValue());
  const lng = Number(await page.getByLabel('Longitude').inputValue());
  expect(lat).toBeGreaterThan(51.5);
  expect(lng).toBeGreaterThan(-0.12);
  await page.getByRole('button', { name: 'Create business' }).click();
  await expect(page).toHaveURL(new RegExp(`/b/${slug}/settings/locations\\?welcome=1$`));
  const site = page.getByTestId('location').filter({ hasText: 'Main site' });
  expect(Number(await site.getByLabel('Latitude').inputValue())).toBeCloseTo(lat, 4);
  expect(Number(await site.getByLabel('Longitude').inputValue())).toBeCloseTo(lng, 4);

  // 3. opening hours: open all day every day, so the check-in below is within them whenever the test runs
  for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']) {
    await site.getByLabel(`Open on ${day}`).check();
    await site.getByLabel(`${day} opens`).fill('00:00');
    await site.getByLabel(`${day} closes`).fill('00:00');
  }
  await site.getByRole('button', { name: 'Save opening hours' }).click();
  await expect(site.getByText('Opening hours saved.')).toBeVisible();

  // 4. a daycare with 2 places a day
  await page.goto(`/b/${slug}/settings/services`);
  await page.getByText('Add a service').click();
  const add = page.locator('form[action="?/create"]');
  await add.getByLabel('Kind').selectOption('daycare');
  await add.getByLabel('Name').fill(service);
  await add.getByLabel('Price (GBP) per day').fill('30');
  await add.getByLabel('Places per day').fill('2');
  await add.getByRole('button', { name: 'Add service' }).click();
  await expect(page.getByRole('status')).toHaveText(`${service} added.`);
  await expect(page.getByTestId('services').getByRole('listitem').filter({ hasText: service })).toContainText(
    '2 places a day',
  );

  // 5. invite a member of staff
  await page.goto(`/b/${slug}/settings/team`);
  await page.getByLabel('E-mail address').fill(staffEmail);
  await page.getByLabel('Role', { exact: true }).selectOption('staff');
  await page.getByRole('button', { name: 'Send invitation' }).click();
  await expect(page.getByRole('status')).toHaveText(`Invitation sent to ${staffEmail}.`);
  const mail = await waitForMail(staffEmail, 10_000);
  const link = `${mail.Text}`.match(/https?:\/\/\S+\/invite\/[0-9a-f]{64}/)?.[0];
  expect(link).toBeTruthy();

  // 6. who accepts in a second browser (with the fake NFC reader), as a brand-new account
  const device = await deviceContext(browser);
  try {
    const staff = await device.newPage();
    await staff.goto(link!);
    await expect(staff.getByRole('heading', { name: 'Join Journey Daycare as staff' })).toBeVisible();
    await staff.getByLabel('Your name').fill('Casey Colleague');
    await staff.getByLabel('Choose a password').fill('a-good-long-secret');
    await staff.getByRole('button', { name: 'Create account and accept' }).click();
    await expect(staff.getByRole('status')).toContainText('Almost there');
    await staff.goto(await verifyLinkFromMail(staffEmail));
    await expect(staff).toHaveURL(/\/invite\//);
    await staff.getByRole('button', { name: 'Accept the invitation' }).click();
    await expect(staff).toHaveURL(new RegExp(`/b/${slug}/scan$`));

    // 7. registers a client with a pet, and a tag on the pet
    await staff.goto(`/b/${slug}/clients/new`);
    await staff.getByLabel('Full name').fill('Jamie First');
    await staff.getByTestId('pet-row').getByLabel('Name').fill('Clover');
    await staff.getByTestId('pet-row').getByLabel('Species').selectOption('rabbit');
    await staff.getByRole('button', { name: 'Save client' }).click();
    await expect(staff.getByRole('status')).toHaveText('Client saved.');
    await staff.getByTestId('client-pets').getByRole('link', { name: 'Clover' }).click();
    await expect(staff.getByRole('heading', { level: 1 })).toHaveText('Clover');
    const bytes = Array.from({ length: 7 }, () =>
      Math.floor(Math.random() * 256)
        .toString(16)
        .padStart(2, '0'),
    );
    const uid = bytes.join(':');
    await staff.getByLabel('Register a tag').fill(uid);
    await staff.getByRole('button', { name: 'Register' }).click();
    await expect(staff.getByRole('status')).toHaveText(`Tag ${uid} registered to Clover.`);

    // 8. and checks Clover in with a tap of the tag: no booking yet, so a walk-in of the daycare
    await staff.goto(`/b/${slug}/scan`);
    await expect(staff.locator('[data-ready="true"]')).toBeVisible();
    if ((await staff.getByTestId('nfc').getAttribute('data-state')) === 'ready')
      await staff.getByRole('button', { name: 'Start NFC scanning' }).click();
    await expect(staff.getByTestId('nfc')).toHaveAttribute('data-state', 'reading');
    expect(await staff.evaluate((u) => window.__nfc.tap(u), uid)).toBe(1);
    await expect(staff.getByTestId('scan-headline')).toHaveText('Clover has no booking today');
    await staff.getByText('Book a walk-in for Clover…').click();
    await staff.getByLabel(service).check();
    const confirm = staff.getByLabel(/Yes, book/);
    if (await confirm.count()) await confirm.check();
    await staff.getByRole('button', { name: 'Book walk-in and check in' }).click();
    await expect(staff.getByTestId('scan-headline')).toHaveText('Clover is checked in');

    // the owner's roster shows Clover in
    await page.goto(`/b/${slug}/roster`);
    await expect(page.getByTestId('roster-in').locator('[data-pet="Clover"]')).toBeVisible();
  } finally {
    await device.close();
  }
});
