// Settings › Vaccines (#9): the owner reads the global catalogue and runs the business's own vaccine types —
// a validity of 0 and a duplicate name are refused beside the form with what was typed kept, a vaccine an
// active service requires is neither deactivated nor deleted (a sentence says why), one nothing names is
// deleted. A manager saves the business profile; a member names themselves on the account page and the
// team list shows that name. Every settings page refuses another business's owner, a parent, a driver and
// anonymous visitors, and so do its form actions.
import { expect, test } from './fixtures.ts';
import { createUser, signIn } from './support.ts';
import { demo, signInTo, withDb } from './support/staff.ts';

test.describe.configure({ timeout: 120_000 });

const base = `/b/${demo.happyPaws.slug}`;
const unique = () => Date.now().toString(36) + Math.random().toString(36).slice(2, 5);

test('the owner adds, edits and deactivates a vaccine; refusals are sentences and nothing typed is lost', async ({
  page,
}) => {
  const name = `Avian pox ${unique()}`;
  const spare = `Spare shot ${unique()}`;
  await signInTo(page, 'owner@happypaws.test', `${base}/settings/vaccines`);
  await expect(page.getByRole('heading', { name: 'Vaccines', level: 1 })).toBeVisible();
  // the catalogue is listed and read-only
  const catalogue = page.getByTestId('catalogue');
  await expect(catalogue.getByRole('listitem').filter({ hasText: 'Rabies' }).filter({ hasText: 'Dogs' })).toContainText(
    'Dogs · valid 1 year · required of every pet',
  );
  await expect(catalogue.getByRole('button')).toHaveCount(0);

  // a validity of 0 days, then a good one (for birds, so no demo pet is asked for it)
  await page.getByText('Add a vaccine').click();
  const add = page.locator('form[action="?/create"]');
  await add.getByLabel('Name').fill(name);
  await add.getByLabel('Species', { exact: true }).selectOption('bird');
  await add.getByLabel('Valid for (days)').fill('0');
  await add.getByLabel('Required of every pet of this species').check();
  await add.getByRole('button', { name: 'Add vaccine' }).click();
  await expect(add.getByText('A shot stays valid at least 1 day.')).toBeVisible();
  await expect(add.getByLabel('Name')).toHaveValue(name);
  await expect(add.getByLabel('Species', { exact: true })).toHaveValue('bird');
  await add.getByLabel('Valid for (days)').fill('730');
  await add.getByRole('button', { name: 'Add vaccine' }).click();
  await expect(page.getByRole('status')).toHaveText(`${name} added.`);
  const card = page.getByTestId('vaccine').filter({ hasText: name });
  await expect(card).toContainText('Birds · valid 2 years · required of every pet');

  // the same name again for birds is refused by name (any case)
  await page.getByText('Add a vaccine').click();
  await add.getByLabel('Name').fill(name.toUpperCase());
  await add.getByLabel('Species', { exact: true }).selectOption('bird');
  await add.getByLabel('Valid for (days)').fill('365');
  await add.getByRole('button', { name: 'Add vaccine' }).click();
  await expect(add.getByRole('alert')).toHaveText(
    `There is already a vaccine called “${name.toUpperCase()}” for birds. Use another name or edit that one.`,
  );
  await expect(add.getByLabel('Name')).toHaveValue(name.toUpperCase());

  // edit: optional, 180 days
  await card.getByText(`Edit ${name}`).click();
  await card.getByLabel('Valid for (days)').fill('180');
  await card.getByLabel('Required of every pet of this species').uncheck();
  await card.getByRole('button', { name: `Save ${name}` }).click();
  await expect(page.getByRole('status')).toHaveText(`${name} saved.`);
  await expect(card).toContainText('Birds · valid 180 days · optional');

  // a service that requires it: the vaccine can be neither deactivated nor deleted
  const service = `Bird sitting ${unique()}`;
  await page.goto(`${base}/settings/services`);
  await page.getByText('Add a service').click();
  const addService = page.locator('form[action="?/create"]');
  await addService.getByLabel('Kind').selectOption('daycare');
  await addService.getByLabel('Name').fill(service);
  await addService.getByLabel('Price (GBP) per day').fill('12');
  await addService.getByRole('checkbox', { name }).check();
  await addService.getByRole('button', { name: 'Add service' }).click();
  await expect(page.getByRole('status')).toHaveText(`${service} added.`);
  await page.getByRole('link', { name: 'Vaccines', exact: true }).click();
  await expect(card).toContainText(`required by ${service}`);
  await card.getByRole('button', { name: `Deactivate ${name}` }).click();
  await expect(page.getByRole('alert')).toHaveText(
    `${service} requires ${name}. Remove it from that service’s required vaccines first.`,
  );
  await card.getByRole('button', { name: `Delete ${name}` }).click();
  await expect(page.getByRole('alert')).toHaveText(
    `${name} cannot be deleted: ${service} requires it. Deactivate it instead.`,
  );

  // once the service is gone from the offer, the vaccine may be deactivated; it stays listed
  await page.goto(`${base}/settings/services`);
  await page.getByRole('button', { name: `Deactivate ${service}` }).click();
  await expect(page.getByRole('status')).toContainText('Service deactivated');
  await page.goto(`${base}/settings/vaccines`);
  await card.getByRole('button', { name: `Deactivate ${name}` }).click();
  await expect(page.getByRole('status')).toHaveText('Vaccine deactivated: no longer asked for; its records stay.');
  await expect(card).toContainText('deactivated');
  await expect(card.getByRole('button', { name: `Use ${name} again` })).toBeVisible();

  // one nothing names is deleted
  await page.getByText('Add a vaccine').click();
  await add.getByLabel('Name').fill(spare);
  await add.getByLabel('Species', { exact: true }).selectOption('other');
  await add.getByLabel('Valid for (days)').fill('30');
  await add.getByRole('button', { name: 'Add vaccine' }).click();
  await expect(page.getByRole('status')).toHaveText(`${spare} added.`);
  await page
    .getByTestId('vaccine')
    .filter({ hasText: spare })
    .getByRole('button', { name: `Delete ${spare}` })
    .click();
  await expect(page.getByRole('status')).toHaveText('Vaccine deleted.');
  await expect(page.getByTestId('vaccine').filter({ hasText: spare })).toHaveCount(0);

  // the audit log has the changes, by person
  const audited = await withDb(async (db) =>
    (
      await db.query(
        `select action from public.audit_log where table_name = 'vaccine_types' and actor = $1
             and coalesce(new, old) ->> 'name' in ($2, $3) order by id`,
        [demo.ownerId, name, spare],
      )
    ).rows.map((r) => r.action as string),
  );
  expect(audited).toEqual(['INSERT', 'UPDATE', 'UPDATE', 'INSERT', 'DELETE']);
});

test('a manager saves the business profile; a member names themselves and colleagues see the name', async ({
  page,
  browser,
}) => {
  const owner = await createUser('profile-owner');
  const manager = await createUser('profile-manager');
  const slug = `profile-${unique()}`;
  await withDb(async (db) => {
    const b = await db.query(
      `insert into public.businesses (name, slug, timezone, settings) values ('Profile Kennels', $1, 'Europe/London', '{"currency": "GBP"}') returning id`,
      [slug],
    );
    await db.query(
      `insert into public.memberships (business_id, user_id, role, display_name) values ($1, $2, 'owner', 'Olive Owner'), ($1, $3, 'manager', null)`,
      [b.rows[0].id, owner.id, manager.id],
    );
  });

  // the manager changes the name, time zone and currency
  await signIn(page, manager);
  await page.goto(`/b/${slug}/settings`);
  await page.getByLabel('Business name').fill('Profile Kennels & Spa');
  await page.getByLabel('Time zone').selectOption('Europe/Paris');
  await page.getByLabel('Currency').selectOption('EUR');
  await page.getByRole('button', { name: /Save/ }).click();
  await expect(page.getByRole('status')).toHaveText('The profile is saved.');
  await page.reload();
  await expect(page.getByLabel('Business name')).toHaveValue('Profile Kennels & Spa');
  await expect(page.getByLabel('Time zone')).toHaveValue('Europe/Paris');

  // the manager names themselves on the account page: a blank name is refused, then saved
  await page.goto('/account');
  await page.getByLabel('Name shown to your colleagues').fill('   ');
  await page.getByRole('button', { name: 'Save your name' }).click();
  await expect(page.getByText('Enter your name.')).toBeVisible();
  await page.getByLabel('Name shown to your colleagues').fill('Morgan Manager');
  await page.getByRole('button', { name: 'Save your name' }).click();
  await expect(page.getByRole('status')).toHaveText('Your name is saved.');
  await page.reload();
  await expect(page.getByLabel('Name shown to your colleagues')).toHaveValue('Morgan Manager');

  // the owner sees a person on the team list
  const other = await browser.newContext();
  try {
    const ownerPage = await other.newPage();
    await signIn(ownerPage, owner);
    await ownerPage.goto(`/b/${slug}/settings/team`);
    await expect(
      ownerPage.getByTestId('team-members').getByRole('listitem').filter({ hasText: manager.email }),
    ).toContainText('Morgan Manager');
  } finally {
    await other.close();
  }
});

const settingsPages = [
  'settings',
  'settings/locations',
  'settings/services',
  'settings/vaccines',
  'settings/team',
  'audit',
];

test('every settings page and its actions refuse another business’s owner, a parent, a driver and anonymous visitors', async ({
  browser,
}) => {
  test.setTimeout(300_000); // four sign-ins and 28 requests on a shared machine
  const outsiders: Array<[string, string | null, number]> = [
    ['owner@barkavenue.test', '/account', 404],
    ['parent@happypaws.test', '/account', 403],
    ['driver@happypaws.test', '/account', 403],
    ['anon', null, 303],
  ];
  for (const [who, home, status] of outsiders) {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      if (home) await signInTo(page, who, home);
      else await page.goto('/login');
      for (const p of settingsPages) {
        const res = await page.request.get(`${base}/${p}`, { maxRedirects: 0 });
        expect(res.status(), `${who} GET ${p}`).toBe(status);
        if (status === 303) expect(res.headers().location, `${who} GET ${p}`).toMatch(/^\/login\?next=/);
      }
      // a form action posted straight at the server is refused the same way, and writes nothing
      const name = `Intruder ${unique()}`;
      const res = await page.request.post(`${base}/settings/vaccines?/create`, {
        form: { name, species: 'dog', valid_days: '30' },
        // as a plain browser form post (no enhance): an HTML answer, so a redirect is a 303, a refusal its status
        headers: { origin: new URL(page.url()).origin, accept: 'text/html' },
        maxRedirects: 0,
      });
      expect(res.ok(), `${who} POST create`).toBe(false);
      const written = await withDb(
        async (db) =>
          (await db.query('select count(*)::int as n from public.vaccine_types where name = $1', [name])).rows[0].n,
      );
      expect(written, `${who} wrote nothing`).toBe(0);
    } finally {
      await context.close();
    }
  }
});
