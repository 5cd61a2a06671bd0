import { expect, test } from './fixtures.ts';
import { createUser, submitSignIn } from './support.ts';

test('the home page links to sign-in', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pet care, run well');
  await page.getByRole('main').getByRole('link', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/login$/);
});

test('an unknown address shows the not-found page with a 404 status', async ({ page }) => {
  const response = await page.goto('/no-such-page');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await expect(page.getByRole('link', { name: 'Back to the home page' })).toBeVisible();
});

test('the app also accepts forms posted from the localhost spelling of its origin', async ({ page, baseURL }) => {
  const user = await createUser('loopback');
  const localhost = baseURL!.replace('127.0.0.1', 'localhost');
  await page.goto(`${localhost}/login`);
  await submitSignIn(page, user.email, user.password);
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByTestId('account-email')).toHaveText(user.email);
});

test('pages refuse to be framed and keep their URLs from other sites', async ({ page }) => {
  const response = await page.goto('/login');
  const headers = response!.headers();
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['referrer-policy']).toBe('same-origin');
  expect(headers['x-content-type-options']).toBe('nosniff');
});
