// The e-mails auth sends: each carries the verification link and the OTP, in text and HTML.
export type MailKind = 'signup' | 'invite' | 'magiclink' | 'recovery' | 'email_change';

const SUBJECTS: Record<MailKind, string> = {
  signup: 'Confirm Your Signup',
  invite: 'You have been invited',
  magiclink: 'Your Magic Link',
  recovery: 'Reset Your Password',
  email_change: 'Confirm Email Change',
};

const LEADS: Record<MailKind, string> = {
  signup: 'Follow this link to confirm your account:',
  invite: 'You have been invited to create an account. Follow this link to accept the invite:',
  magiclink: 'Follow this link to sign in:',
  recovery: 'Follow this link to reset the password for your account:',
  email_change: 'Follow this link to confirm the change of your e-mail address:',
};

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function verifyLink(apiUrl: string, token: string, type: string, redirectTo: string): string {
  const q = new URLSearchParams({ token, type, redirect_to: redirectTo });
  return `${apiUrl}/auth/v1/verify?${q}`;
}

export function renderMail(kind: MailKind, to: string, link: string, otp: string) {
  const lead = LEADS[kind];
  return {
    to,
    subject: SUBJECTS[kind],
    text: `${lead}\n\n${link}\n\nAlternatively, enter the code: ${otp}\n`,
    html:
      `<h2>${SUBJECTS[kind]}</h2><p>${escapeHtml(lead)}</p><p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>` +
      `<p>Alternatively, enter the code: <strong>${otp}</strong></p>`,
  };
}
