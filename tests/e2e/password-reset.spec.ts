import { expect, test } from './fixtures.ts';
import { serviceClient, waitForMail } from '../support/stack.ts';
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

test('a PKCE reset link opened in another browser points to the code in the e-mail', async ({ page, browser }) => {
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
    await expect(otherPage.getByRole('alert')).toContainText('6-digit code');
    await expect(otherPage.getByLabel('6-digit code')).toBeVisible();
    await otherPage.goto('/account');
    await expect(otherPage).toHaveURL(/\/login\?next=%2Faccount$/);
  } finally {
    await other.close();
  }
});

/** The 6-digit code in the newest e-mail to `to`. */
async function codeFromMail(to: string): Promise<string> {
  const mail = await waitForMail(to, 10_000);
  const code = /code:\s*(\d{6})/.exec(mail.Text)?.[1];
  if (!code) throw new Error(`no code in the e-mail to ${to}: ${mail.Text}`);
  return code;
}

test('the 6-digit code from the reset e-mail sets a new password on another device', async ({ page, browser }) => {
  const user = await createUser('resetcode');
  const newPassword = 'typed-on-the-phone';
  await page.goto('/forgot-password');
  await page.getByLabel('E-mail address').fill(user.email);
  await page.getByRole('button', { name: 'Send reset link' }).click();
  await expect(page.getByRole('status')).toContainText('enter the code below');
  const code = await codeFromMail(user.email);

  const phone = await browser.newContext({
    extraHTTPHeaders: { 'x-forwarded-for': '10.250.0.2' },
    viewport: { width: 412, height: 915 },
  });
  try {
    const other = await phone.newPage();
    await other.goto('/forgot-password');
    await other.getByLabel('E-mail the code was sent to').fill(user.email);
    // A wrong code is refused beside its field, and what was typed stays.
    await other.getByLabel('6-digit code').fill(code === '000000' ? '111111' : '000000');
    await other.getByRole('button', { name: 'Use the code' }).click();
    await expect(other.getByText('That code is wrong or has expired.')).toBeVisible();
    await expect(other.getByLabel('E-mail the code was sent to')).toHaveValue(user.email);
    await other.screenshot({ path: 'test-results/screenshots/forgot-password-code-phone.png', fullPage: true });

    await other.getByLabel('6-digit code').fill(code);
    await other.getByRole('button', { name: 'Use the code' }).click();
    await expect(other).toHaveURL(/\/account\/password$/);
    await other.getByLabel('New password', { exact: true }).fill(newPassword);
    await other.getByLabel('Repeat the new password').fill(newPassword);
    await other.getByRole('button', { name: 'Save new password' }).click();
    await expect(other).toHaveURL(/\/account\?notice=password-updated$/);
  } finally {
    await phone.close();
  }
  await page.goto('/login');
  await submitSignIn(page, user.email, newPassword);
  await expect(page).toHaveURL(/\/account$/);
});

test('a token-hash reset link, as the e-mail template makes it, works in a browser that never asked', async ({
  browser,
}) => {
  const user = await createUser('tokenhash');
  const { data, error } = await serviceClient().auth.admin.generateLink({ type: 'recovery', email: user.email });
  if (error) throw error;
  const other = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': '10.250.0.3' } });
  try {
    const page = await other.newPage();
    await page.goto(`/auth/confirm?next=/account/password&token_hash=${data.properties.hashed_token}&type=recovery`);
    await expect(page).toHaveURL(/\/account\/password$/);
    await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
  } finally {
    await other.close();
  }
});
