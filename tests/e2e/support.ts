// Helpers for the browser tests: users are made through the Auth admin API (service key from the
// environment), never through the UI under test, so each test starts from a known account.
import { expect, type Page } from '@playwright/test';
import { inbox, serviceClient, uniqueEmail, waitForMail } from '../support/stack.ts';

export const PASSWORD = 'correct-horse-battery';

export interface TestUser {
  id: string;
  email: string;
  password: string;
}

/** A confirmed user with a fresh address. */
export async function createUser(tag = 'e2e', password = PASSWORD): Promise<TestUser> {
  const email = uniqueEmail(tag);
  const { data, error } = await serviceClient().auth.admin.createUser({ email, password, email_confirm: true });
  if (error) throw error;
  return { id: data.user.id, email, password };
}

/** Fills and submits the sign-in form on the current page. */
export async function submitSignIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export async function signIn(page: Page, user: TestUser): Promise<void> {
  await page.goto('/login');
  await submitSignIn(page, user.email, user.password);
  await expect(page).toHaveURL(/\/account$/);
}

/** The first link in the newest e-mail to `to` that passes through Auth's /verify endpoint. */
export async function verifyLinkFromMail(to: string): Promise<string> {
  // the address may have other mail (an invitation): wait for the one that carries Auth's verify link
  const end = Date.now() + 10_000;
  for (;;) {
    await waitForMail(to, 10_000);
    for (const mail of await inbox(to)) {
      const links = `${mail.Text}\n${mail.HTML}`.match(/https?:\/\/[^\s"'<>]+\/auth\/v1\/verify\?[^\s"'<>]+/g);
      if (links?.length) return links[0].replaceAll('&amp;', '&');
    }
    if (Date.now() > end) throw new Error(`no e-mail with a verify link to ${to} within 10 s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
