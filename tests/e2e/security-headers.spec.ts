// The app's own security headers: a Content-Security-Policy with a per-page nonce that still lets the
// browser reach Supabase (API, Realtime websocket, storage images), and a Permissions-Policy that keeps
// the camera, location and NFC to our own origin. Pages keep working under them.
import type { Page } from '@playwright/test';
import { stack } from '../support/stack.ts';
import { expect, test } from './fixtures.ts';
import { demo, signInTo } from './support/staff.ts';

function directives(policy: string): Record<string, string[]> {
  return Object.fromEntries(
    policy
      .split(';')
      .map((p) => p.trim().split(/\s+/))
      .map(([name, ...sources]) => [name, sources]),
  );
}

/** Collects every CSP violation the page reports, from the moment it loads. */
async function watchViolations(page: Page): Promise<string[]> {
  const seen: string[] = [];
  await page.exposeFunction('reportCspViolation', (text: string) => seen.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { reportCspViolation: (t: string) => void }).reportCspViolation(
        `${e.violatedDirective} ${e.blockedURI}`,
      );
    });
  });
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) seen.push(m.text());
  });
  return seen;
}

test('pages carry a Content-Security-Policy that allows only this app and its Supabase', async ({ page }) => {
  const response = await page.goto('/login');
  const policy = response!.headers()['content-security-policy'];
  expect(policy).toBeTruthy();
  const csp = directives(policy);
  const api = new URL(stack.url).origin;
  const socket = api.replace(/^http/, 'ws');
  expect(csp['default-src']).toEqual(["'self'"]);
  expect(csp['script-src']).toContain("'self'");
  expect(csp['script-src'].some((s) => /^'nonce-[A-Za-z0-9+/=_-]+'$/.test(s))).toBe(true);
  expect(csp['script-src']).not.toContain("'unsafe-inline'");
  expect(csp['connect-src']).toEqual(expect.arrayContaining(["'self'", api, socket]));
  expect(csp['img-src']).toEqual(expect.arrayContaining(["'self'", 'data:', 'blob:', api]));
  expect(csp['object-src']).toEqual(["'none'"]);
  expect(csp['frame-ancestors']).toEqual(["'none'"]);
  expect(csp['base-uri']).toEqual(["'self'"]);
});

test('each page gets a fresh nonce', async ({ page }) => {
  const nonce = async () =>
    directives((await page.goto('/login'))!.headers()['content-security-policy'])['script-src'].find((s) =>
      s.startsWith("'nonce-"),
    );
  expect(await nonce()).not.toBe(await nonce());
});

test('pages allow the camera, location and NFC only to this origin', async ({ page }) => {
  const response = await page.goto('/login');
  const policy = response!.headers()['permissions-policy'];
  expect(policy).toContain('camera=(self)');
  expect(policy).toContain('geolocation=(self)');
  expect(policy).toContain('nfc=(self)');
  expect(policy).toContain('microphone=()');
});

test('sign-in, the live roster and a pet page run under the policy without a violation', async ({ page }) => {
  test.setTimeout(90_000);
  const violations = await watchViolations(page);
  await signInTo(page, 'staff@happypaws.test', `/b/${demo.happyPaws.slug}/roster`);
  // The roster says "Live" only once its websocket to Supabase Realtime has joined the channel.
  await expect(page.getByTestId('live-status')).toHaveText('Live');
  await page.goto(`/b/${demo.happyPaws.slug}/pets/${demo.rex.petId}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.goto(`/b/${demo.happyPaws.slug}/scan`);
  await expect(page.locator('[data-ready="true"]')).toBeVisible();
  expect(violations).toEqual([]);
});
