import { describe, expect, it } from 'vitest';
import { parseForm } from '../forms.ts';
import { invitationLink, invitationMail, inviteStaffSchema } from './invitations.ts';

const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
};

describe('inviteStaffSchema', () => {
  it('takes an address and a role, trimming the address', () => {
    expect(parseForm(inviteStaffSchema, form({ email: ' sam@example.com ', role: 'staff' }))).toEqual({
      ok: true,
      data: { email: 'sam@example.com', role: 'staff' },
    });
  });

  it('names the field of each problem', () => {
    const parsed = parseForm(inviteStaffSchema, form({ email: 'not-an-address', role: 'boss' }));
    expect(parsed).toEqual({
      ok: false,
      errors: { email: 'Enter an e-mail address like name@example.com.', role: 'Choose a role.' },
    });
  });
});

describe('invitationMail', () => {
  const expiresAt = new Date('2026-12-13T10:00:00Z');

  it('says what a staff invitation is for, with the link and its expiry', () => {
    const mail = invitationMail({
      businessName: 'Happy Paws',
      role: 'manager',
      link: 'https://x.test/invite/abc',
      expiresAt,
      timeZone: 'Europe/London',
    });
    expect(mail.subject).toBe('You are invited to join Happy Paws');
    expect(mail.text).toContain('as manager');
    expect(mail.text).toContain('https://x.test/invite/abc');
    expect(mail.text).toContain('until Sunday 13 December 2026 at 10:00');
  });

  it("writes the expiry in the business's time zone, where the date differs from UTC", () => {
    // 23:30 UTC on Sunday 13 December is already Monday 14 December, 12:30, in Auckland (UTC+13 in summer)
    const late = new Date('2026-12-13T23:30:00Z');
    const at = (timeZone: string) =>
      invitationMail({
        businessName: 'Kiwi Paws',
        role: null,
        link: 'https://x.test/invite/k',
        expiresAt: late,
        timeZone,
      });
    expect(at('Pacific/Auckland').text).toContain('until Monday 14 December 2026 at 12:30');
    expect(at('Pacific/Auckland').html).toContain('until Monday 14 December 2026 at 12:30');
    // and west of UTC the same instant is still Sunday afternoon
    expect(at('America/New_York').text).toContain('until Sunday 13 December 2026 at 18:30');
  });

  it('escapes the business name in the HTML part', () => {
    const mail = invitationMail({
      businessName: 'Paws <b>&</b> Co',
      role: null,
      link: 'https://x.test/invite/a"b',
      expiresAt,
      timeZone: 'UTC',
    });
    expect(mail.html).toContain('Paws &lt;b&gt;&amp;&lt;/b&gt; Co');
    expect(mail.html).toContain('href="https://x.test/invite/a&quot;b"');
    expect(mail.subject).toBe('Your pet-parent portal at Paws <b>&</b> Co');
  });
});

describe('invitationLink', () => {
  it('puts the token in the path', () => {
    expect(invitationLink('http://127.0.0.1:4173', 'ab12')).toBe('http://127.0.0.1:4173/invite/ab12');
  });
});
