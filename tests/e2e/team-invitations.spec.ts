// The owner runs the team from /settings/team: an invitation e-mailed through the stack's SMTP sink is
// accepted in another browser by a brand-new account (signed up from the link) or an existing one (signed
// in from the link); a resend kills the first link, a withdrawn link explains itself, a removed member
// loses the desk at once, and desk staff see no settings.
import { expect, test } from './fixtures.ts';
import type { Browser, Page } from '@playwright/test';
import { uniqueEmail, waitForMail } from '../support/stack.ts';
import { createUser, verifyLinkFromMail } from './support.ts';
import { demo, signInTo, withDb } from './support/staff.ts';

const team = `/b/${demo.happyPaws.slug}/settings/team`;

// Each test is a whole story across two browsers and the inbox; the shared machine needs time for it.
test.describe.configure({ timeout: 120_000 });

async function invite(page: Page, email: string, role: string): Promise<void> {
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Role', { exact: true }).selectOption(role);
  await page.getByRole('button', { name: 'Send invitation' }).click();
  await expect(page.getByRole('status')).toHaveText(`Invitation sent to ${email}.`);
}

/** The accept link of the newest invitation e-mail to `to` (after `previous`, when given). */
async function inviteLink(to: string, previous?: string): Promise<string> {
  const end = Date.now() + 10_000;
  for (;;) {
    const mail = await waitForMail(to, 10_000);
    const link = `${mail.Text}`.match(/https?:\/\/\S+\/invite\/[0-9a-f]{64}/)?.[0];
    if (link && link !== previous) return link;
    if (Date.now() > end) throw new Error(`no new invitation link in the e-mail to ${to}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function otherBrowser(browser: Browser) {
  const context = await browser.newContext({
    extraHTTPHeaders: { 'x-forwarded-for': `10.251.${Math.floor(Math.random() * 250)}.7` },
  });
  return { context, page: await context.newPage() };
}

test('a new staff member signs up from the e-mailed invitation and reaches the desk; removal takes the desk away', async ({
  page,
  browser,
}) => {
  const email = uniqueEmail('invitee');
  await signInTo(page, 'owner@happypaws.test', team);
  await expect(page.getByRole('heading', { name: 'Team' })).toBeVisible();
  await invite(page, email, 'staff');
  await expect(page.getByTestId('team-invitations')).toContainText(email);

  const mail = await waitForMail(email, 10_000);
  expect(mail.Subject).toBe('You are invited to join Happy Paws Daycare');
  const link = await inviteLink(email);

  const invitee = await otherBrowser(browser);
  try {
    await invitee.page.goto(link);
    await expect(invitee.page.getByRole('heading', { name: 'Join Happy Paws Daycare as staff' })).toBeVisible();
    await expect(invitee.page.getByLabel('E-mail address')).toHaveValue(email);
    await invitee.page.getByLabel('Your name').fill('Sam Newhire');
    await invitee.page.getByLabel('Choose a password').fill('short');
    await invitee.page.getByRole('button', { name: 'Create account and accept' }).click();
    await expect(invitee.page.getByText('Use at least 8 characters.')).toBeVisible();
    await expect(invitee.page.getByLabel('Your name')).toHaveValue('Sam Newhire');
    await invitee.page.getByLabel('Choose a password').fill('a-good-long-secret');
    await invitee.page.getByRole('button', { name: 'Create account and accept' }).click();
    // Auth confirms the address first (enable_confirmations): its link brings the invitee back to accept
    await expect(invitee.page.getByRole('status')).toContainText('Almost there');
    await invitee.page.goto(await verifyLinkFromMail(email));
    await expect(invitee.page).toHaveURL(/\/invite\//);
    await invitee.page.getByRole('button', { name: 'Accept the invitation' }).click();
    await expect(invitee.page).toHaveURL(/\/b\/happy-paws\/scan$/);
    await expect(invitee.page.getByRole('navigation', { name: 'Happy Paws Daycare staff' })).toBeVisible();

    // The link worked once.
    await invitee.page.goto(link);
    await expect(invitee.page.getByRole('alert')).toContainText('already been used');

    // The owner sees the new colleague by name, then removes them; the desk is gone at once.
    await page.reload();
    const row = page.getByTestId('team-members').getByRole('listitem').filter({ hasText: email });
    await expect(row).toContainText('Sam Newhire');
    await expect(row).toContainText('Staff');
    await row.getByText('Remove…').click();
    await row.getByRole('button', { name: 'Remove Sam Newhire' }).click();
    await expect(page.getByRole('status')).toContainText('Removed from the team');
    await expect(page.getByTestId('team-members')).not.toContainText(email);

    const gone = await invitee.page.goto('/b/happy-paws/scan');
    expect(gone?.status()).toBe(404);
  } finally {
    await invitee.context.close();
  }
});

test('an existing account signs in from the link; a resent invitation kills the first link; a withdrawn one explains itself', async ({
  page,
  browser,
}) => {
  const user = await createUser('existing');
  await signInTo(page, 'owner@happypaws.test', team);
  await invite(page, user.email, 'driver');
  const first = await inviteLink(user.email);

  const row = page.getByTestId('team-invitations').getByRole('listitem').filter({ hasText: user.email });
  await row.getByRole('button', { name: `Resend to ${user.email}` }).click();
  await expect(page.getByRole('status')).toContainText('the old link no longer works');
  const second = await inviteLink(user.email, first);

  const invitee = await otherBrowser(browser);
  try {
    await invitee.page.goto(first);
    await expect(invitee.page.getByRole('alert')).toContainText('withdrawn or replaced');

    await invitee.page.goto(second);
    await invitee.page.getByRole('link', { name: 'Sign in to accept' }).click();
    await invitee.page.getByLabel('E-mail address').fill(user.email);
    await invitee.page.getByLabel('Password', { exact: true }).fill(user.password);
    await invitee.page.getByRole('button', { name: 'Sign in' }).click();
    await expect(invitee.page).toHaveURL(/\/invite\/[0-9a-f]{64}$/);
    await invitee.page.getByRole('button', { name: 'Accept the invitation' }).click();
    // A driver is a member but not desk staff: the desk says where their pages are.
    await expect(invitee.page).toHaveURL(/\/b\/happy-paws/);
    await expect(invitee.page.getByText('Drivers follow their route')).toBeVisible();
  } finally {
    await invitee.context.close();
  }

  // Withdrawn: the link says so.
  const other = uniqueEmail('withdrawn');
  await invite(page, other, 'manager');
  const link = await inviteLink(other);
  await page
    .getByTestId('team-invitations')
    .getByRole('button', { name: `Withdraw the invitation to ${other}` })
    .click();
  await expect(page.getByRole('status')).toHaveText('Invitation withdrawn: its link no longer works.');
  const stranger = await otherBrowser(browser);
  try {
    await stranger.page.goto(link);
    await expect(stranger.page.getByRole('alert')).toContainText('withdrawn or replaced');
  } finally {
    await stranger.context.close();
  }
});

test('settings refuse desk staff; inviting an existing member or a bad address is explained', async ({
  page,
  browser,
}) => {
  const staff = await otherBrowser(browser);
  try {
    await signInTo(staff.page, 'staff@happypaws.test', '/b/happy-paws/scan');
    await expect(staff.page.getByRole('link', { name: 'Settings' })).toHaveCount(0);
    const res = await staff.page.goto(team);
    expect(res?.status()).toBe(403);
    await expect(staff.page.getByText('for its owners and managers')).toBeVisible();
  } finally {
    await staff.context.close();
  }

  await signInTo(page, 'owner@happypaws.test', team);
  await page.getByLabel('E-mail address').fill('staff@happypaws.test');
  await page.getByRole('button', { name: 'Send invitation' }).click();
  await expect(page.getByRole('alert')).toHaveText('That person is already a member of this business.');
  await expect(page.getByLabel('E-mail address')).toHaveValue('staff@happypaws.test');

  await page.getByLabel('E-mail address').fill('not an address');
  await page.getByRole('button', { name: 'Send invitation' }).click();
  await expect(page.getByText('Enter an e-mail address like name@example.com.')).toBeVisible();
});

test('desk staff invite a client to the portal; the parent signs up from the link and the client page shows it', async ({
  page,
  browser,
}) => {
  const email = uniqueEmail('parent');
  const clientId = await withDb(async (db) => {
    const { rows } = await db.query(
      `insert into public.clients (business_id, full_name, email) values ($1, 'Paula Portal', $2) returning id`,
      [demo.happyPaws.id, email],
    );
    return rows[0].id as string;
  });
  const clientPage = `/b/${demo.happyPaws.slug}/clients/${clientId}`;
  await signInTo(page, 'staff@happypaws.test', clientPage);
  const portal = page.getByTestId('portal-invite');
  await expect(portal.getByLabel("Parent's e-mail address")).toHaveValue(email);
  await portal.getByRole('button', { name: 'Invite to portal' }).click();
  await expect(portal.getByRole('status')).toHaveText(`Portal invitation sent to ${email}.`);
  await expect(page.getByTestId('portal-invite-state')).toContainText('waiting to be accepted');

  const mail = await waitForMail(email, 10_000);
  expect(mail.Subject).toBe('Your pet-parent portal at Happy Paws Daycare');
  const link = await inviteLink(email);

  const parent = await otherBrowser(browser);
  try {
    await parent.page.goto(link);
    await expect(
      parent.page.getByRole('heading', { name: 'Join the pet-parent portal of Happy Paws Daycare' }),
    ).toBeVisible();
    await parent.page.getByLabel('Your name').fill('Paula Portal');
    await parent.page.getByLabel('Choose a password').fill('a-good-long-secret');
    await parent.page.getByRole('button', { name: 'Create account and accept' }).click();
    await expect(parent.page.getByRole('status')).toContainText('Almost there');
    await parent.page.goto(await verifyLinkFromMail(email));
    await expect(parent.page).toHaveURL(/\/invite\//);
    await parent.page.getByRole('button', { name: 'Accept the invitation' }).click();
    await expect(parent.page).toHaveURL(/\/portal$/);
  } finally {
    await parent.context.close();
  }

  await page.reload();
  await expect(page.getByTestId('portal-invite')).toContainText('Paula Portal uses the portal.');
});
