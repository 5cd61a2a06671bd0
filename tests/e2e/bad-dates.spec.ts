// A date in the address that no calendar shows (a typo, a fuzzer) is read as "no date": the page shows
// today, never a 500 from the database refusing the instant.
import { expect, test } from './fixtures.ts';
import { demo, signInTo } from './support/staff.ts';

test('the bookings page shows today for a date outside any calendar, in day and week view', async ({ page }) => {
  test.setTimeout(60_000);
  const bookings = `/b/${demo.happyPaws.slug}/bookings`;
  await signInTo(page, 'staff@happypaws.test', bookings);
  for (const query of ['date=9999-12-31', 'view=week&date=9999-12-30', 'date=0001-01-01']) {
    const response = await page.goto(`${bookings}?${query}`);
    expect(response?.status(), query).toBe(200);
    await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('Something went wrong');
  }
});
