// Ids in the URL are checked by Kit's `uuid` param matcher: an address whose id is not a uuid is the
// ordinary not-found page (404), never a database error (Postgres refuses it with 22P02) or a 500.
import { expect, test } from './fixtures.ts';
import { demo, signInTo } from './support/staff.ts';

const base = `/b/${demo.happyPaws.slug}`;
const bad = ['not-a-uuid', '12345', `${demo.rex.petId}x`];
// Every staff route with an id param, with an action it answers where it has one.
const routes = [
  { path: (id: string) => `${base}/health/pets/${id}`, action: 'addRecord' },
  { path: (id: string) => `${base}/clients/${id}`, action: 'save' },
  { path: (id: string) => `${base}/pets/${id}`, action: 'save' },
  { path: (id: string) => `${base}/pets/${id}/tags`, action: null },
];

test('a malformed id in a staff address answers 404 on every route with an id', async ({ page, baseURL }) => {
  test.setTimeout(90_000);
  await signInTo(page, 'staff@happypaws.test', `${base}/scan`);
  const html = { accept: 'text/html' };
  for (const route of routes) {
    for (const id of bad) {
      const got = await page.request.get(route.path(id), { headers: html, maxRedirects: 0 });
      expect(got.status(), `GET ${route.path(id)}`).toBe(404);
      if (!route.action) continue;
      const posted = await page.request.post(`${route.path(id)}?/${route.action}`, {
        headers: { ...html, origin: baseURL! },
        form: { name: 'x' },
        maxRedirects: 0,
      });
      expect(posted.status(), `POST ${route.path(id)}?/${route.action}`).toBe(404);
    }
  }
  // The visitor sees the ordinary not-found page.
  const response = await page.goto(routes[0].path('not-a-uuid'));
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
});

test('a well-formed id that matches nothing is also a 404', async ({ page }) => {
  test.setTimeout(60_000);
  await signInTo(page, 'staff@happypaws.test', `${base}/scan`);
  const nobody = '00000000-0000-4000-8000-00000000dead';
  for (const route of routes) {
    const got = await page.request.get(route.path(nobody), { headers: { accept: 'text/html' }, maxRedirects: 0 });
    expect(got.status(), route.path(nobody)).toBe(404);
  }
});
