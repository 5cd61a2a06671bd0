import { expect, test } from './fixtures.ts';
import { submitSignIn } from './support.ts';

// Relies on the SPEC §6 demo seed (supabase/seed.sql): owner@happypaws.test owns Happy Paws Daycare.
test('the demo owner signs in and sees their business and role', async ({ page }) => {
  await page.goto('/login');
  await submitSignIn(page, 'owner@happypaws.test', 'pawcentral-demo');

  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByTestId('account-email')).toHaveText('owner@happypaws.test');
  const business = page.getByRole('listitem').filter({ hasText: 'Happy Paws Daycare' });
  await expect(business).toContainText('Owner');
  await expect(page.getByRole('listitem').filter({ hasText: 'Bark Avenue' })).toHaveCount(0);
});

test('the account page takes a member to their business desk', async ({ page }) => {
  await page.goto('/login');
  await submitSignIn(page, 'staff@happypaws.test', 'pawcentral-demo');
  await expect(page).toHaveURL(/\/account$/);
  await page.getByRole('link', { name: 'Happy Paws Daycare' }).click();
  await expect(page).toHaveURL(/\/b\/happy-paws\/scan$/);
});

test('a driver sees their business without a link into the staff desk', async ({ page }) => {
  await page.goto('/login');
  await submitSignIn(page, 'driver@happypaws.test', 'pawcentral-demo');
  await expect(page.getByRole('listitem').filter({ hasText: 'Happy Paws Daycare' })).toContainText('Driver');
  await expect(page.getByRole('link', { name: 'Happy Paws Daycare' })).toHaveCount(0);
});
