import { expect, test } from './fixtures.ts';
import { createUser, submitSignIn, verifyLinkFromMail } from './support.ts';

test('a user resets a forgotten password through the e-mailed link', async ({ page }) => {
  const user = await createUser('reset');
  const newPassword = 'a-brand-new-secret';

  await page.goto('/login');
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await page.getByLabel('E-mail address').fill(user.email);
  await page.getByRole('button', { name: 'Send reset link' }).click();
  await expect(page.getByRole('status')).toContainText('is on its way');

  // The link goes through Auth's /verify, which sends the browser back to /auth/confirm with a PKCE
  // code; the code verifier cookie set when the e-mail was requested completes the exchange.
  const link = await verifyLinkFromMail(user.email);
  await page.goto(link);
  await expect(page).toHaveURL(/\/account\/password$/);
  await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();

  await page.getByLabel('New password', { exact: true }).fill(newPassword);
  await page.getByLabel('Repeat the new password').fill('something-else');
  await page.getByRole('button', { name: 'Save new password' }).click();
  await expect(page.getByText('The two passwords do not match.')).toBeVisible();

  await page.getByLabel('New password', { exact: true }).fill(newPassword);
  await page.getByLabel('Repeat the new password').fill(newPassword);
  await page.getByRole('button', { name: 'Save new password' }).click();
  await expect(page).toHaveURL(/\/account\?notice=password-updated$/);
  await expect(page.getByRole('status')).toHaveText('Your password has been changed.');

  // The new password works and the old one no longer does.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login/);
  await submitSignIn(page, user.email, user.password);
  await expect(page.getByRole('alert')).toHaveText('Wrong e-mail address or password.');
  await submitSignIn(page, user.email, newPassword);
  await expect(page).toHaveURL(/\/account$/);
});

test('a reset link opened a second time is refused with a way to ask again', async ({ page }) => {
  const user = await createUser('reuse');
  await page.goto('/forgot-password');
  await page.getByLabel('E-mail address').fill(user.email);
  await page.getByRole('button', { name: 'Send reset link' }).click();
  await expect(page.getByRole('status')).toContainText('is on its way');

  const link = await verifyLinkFromMail(user.email);
  await page.goto(link);
  await expect(page).toHaveURL(/\/account\/password$/);

  await page.goto(link);
  await expect(page).toHaveURL(/\/forgot-password\?notice=link-/);
  await expect(page.getByRole('alert')).toBeVisible();
});

test('an incomplete confirmation link is explained', async ({ page }) => {
  await page.goto('/auth/confirm?next=/account/password');
  await expect(page).toHaveURL(/\/forgot-password\?notice=link-incomplete$/);
  await expect(page.getByRole('alert')).toContainText('That link is incomplete.');
});

test('a reset link opened in another browser asks to use the original one', async ({ page, browser }) => {
  const user = await createUser('otherbrowser');
  await page.goto('/forgot-password');
  await page.getByLabel('E-mail address').fill(user.email);
  await page.getByRole('button', { name: 'Send reset link' }).click();
  await expect(page.getByRole('status')).toContainText('is on its way');
  const link = await verifyLinkFromMail(user.email);

  // A second browser has no PKCE code verifier cookie, so the code cannot be exchanged there.
  const other = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': '10.250.0.1' } });
  try {
    const otherPage = await other.newPage();
    await otherPage.goto(link);
    await expect(otherPage).toHaveURL(/\/forgot-password\?notice=link-other-browser$/);
    await expect(otherPage.getByRole('alert')).toContainText('same browser');
    await otherPage.goto('/account');
    await expect(otherPage).toHaveURL(/\/login\?next=%2Faccount$/);
  } finally {
    await other.close();
  }
});
