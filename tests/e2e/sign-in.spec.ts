import { expect, test } from './fixtures.ts';
import { createUser, signIn, submitSignIn } from './support.ts';

test('a user signs in with e-mail and password and sees who is signed in', async ({ page }) => {
  const user = await createUser('signin');
  await page.goto('/');
  await page.getByRole('link', { name: 'Sign in' }).first().click();
  await expect(page).toHaveURL(/\/login$/);
  await submitSignIn(page, user.email, user.password);

  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible();
  await expect(page.getByTestId('account-email')).toHaveText(user.email);
});

test('a wrong password shows an error and keeps the e-mail address', async ({ page }) => {
  const user = await createUser('wrongpw');
  await page.goto('/login');
  await submitSignIn(page, user.email, 'not-the-password');

  await expect(page.getByRole('alert')).toHaveText('Wrong e-mail address or password.');
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByLabel('E-mail address')).toHaveValue(user.email);
});

test('an invalid e-mail address is reported beside the field, which takes focus', async ({ page }) => {
  // Focus moves by script, so let the page hydrate first (without it the form still posts normally).
  await page.goto('/login', { waitUntil: 'networkidle' });
  await submitSignIn(page, 'not-an-address', 'whatever');

  const email = page.getByLabel('E-mail address');
  await expect(email).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Enter a valid e-mail address, like name@example.com.')).toBeVisible();
  await expect(email).toHaveValue('not-an-address');
  await expect(email).toBeFocused();
});

test('an unauthenticated visit to /account redirects to sign-in and returns there afterwards', async ({ page }) => {
  const user = await createUser('next');
  await page.goto('/account');
  await expect(page).toHaveURL(/\/login\?next=%2Faccount$/);

  await submitSignIn(page, user.email, user.password);
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByTestId('account-email')).toHaveText(user.email);
});

test('sign-in ignores a next address on another site', async ({ page }) => {
  const user = await createUser('offsite');
  await page.goto('/login?next=' + encodeURIComponent('//evil.example/steal'));
  await submitSignIn(page, user.email, user.password);
  await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/account$/);
});

test('signing out ends the session', async ({ page }) => {
  const user = await createUser('signout');
  await signIn(page, user);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login\?notice=signed-out$/);
  await expect(page.getByRole('status')).toHaveText('You are signed out.');

  await page.goto('/account');
  await expect(page).toHaveURL(/\/login\?next=%2Faccount$/);
  const cookies = await page.context().cookies();
  expect(cookies.filter((c) => c.name.includes('-auth-token') && c.value)).toEqual([]);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the sign-in form still signs in and reports errors', async ({ page }) => {
    const user = await createUser('nojs');
    await page.goto('/login');
    await submitSignIn(page, user.email, 'wrong-password');
    await expect(page.getByRole('alert')).toHaveText('Wrong e-mail address or password.');
    await expect(page.getByLabel('E-mail address')).toHaveValue(user.email);

    await submitSignIn(page, user.email, user.password);
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByTestId('account-email')).toHaveText(user.email);
  });
});
