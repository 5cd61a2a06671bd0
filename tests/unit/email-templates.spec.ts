// The e-mail templates in supabase/config.toml, rendered as Auth renders them, lead to links the app
// can use: the recovery link carries a token hash the app verifies on any device.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { readConfirmLink } from '../../web/src/lib/confirm-link.ts';

const root = join(import.meta.dirname, '../..');
const config = parse(readFileSync(join(root, 'supabase/config.toml'), 'utf8')) as {
  auth: { email: { template?: Record<string, { subject: string; content_path: string }> } };
};

function render(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{\s*\.(\w+)\s*\}\}/g, (_, name: string) => values[name] ?? `<missing ${name}>`);
}

describe('the recovery e-mail template', () => {
  const entry = config.auth.email.template?.recovery;

  it('is configured with a subject and a file', () => {
    expect(entry?.subject).toMatch(/password/i);
    expect(entry?.content_path).toBeTruthy();
  });

  it('links to the app with a token hash and type=recovery, and shows the code', () => {
    const html = readFileSync(join(root, entry!.content_path), 'utf8');
    const mail = render(html, {
      RedirectTo: 'http://127.0.0.1:3000/auth/confirm?next=/account/password',
      TokenHash: 'abc123hash',
      Token: '654321',
      SiteURL: 'http://127.0.0.1:3000',
      Email: 'someone@example.com',
    });
    expect(mail).not.toContain('<missing');
    expect(mail).toContain('654321');
    const href = /href="([^"]+)"/.exec(mail)?.[1] ?? '';
    const url = new URL(href.replaceAll('&amp;', '&'));
    expect(url.pathname).toBe('/auth/confirm');
    expect(url.searchParams.get('next')).toBe('/account/password');
    expect(readConfirmLink(url.searchParams)).toEqual({
      kind: 'token_hash',
      tokenHash: 'abc123hash',
      type: 'recovery',
    });
  });
});
