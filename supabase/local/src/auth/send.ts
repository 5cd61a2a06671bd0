// Sending a token e-mail: the per-address e-mail rate limit, the per-user frequency limit, a fresh
// OTP, and the link (prefixed `pkce_` when the flow is PKCE, so /verify answers with a code).
import type { AuthState, Call } from './context.ts';
import { takeLimit } from './context.ts';
import type { Db } from './db.ts';
import { renderMail, verifyLink, type MailKind } from './mail.ts';
import { checkFrequency, issueToken, type TokenKind } from './otp.ts';
import type { UserRow } from './users.ts';

export async function sendTokenMail(
  state: AuthState,
  call: Call,
  db: Db,
  opts: { user: UserRow; mail: MailKind; token: TokenKind; to: string; redirectTo: string; pkce: boolean },
): Promise<void> {
  checkFrequency(opts.user, opts.token, state.config.auth.emailMaxFrequencySeconds);
  takeLimit(state.limits.emailSent, call, 'over_email_send_rate_limit');
  const { otp, hashed } = await issueToken(db, opts.user, opts.token, opts.to, state.config.auth.otpLength);
  // A new code starts with its full allowance of wrong guesses.
  state.limits.otpFailures.forget(opts.to.toLowerCase());
  const link = verifyLink(state.config.apiUrl, opts.pkce ? `pkce_${hashed}` : hashed, opts.mail, opts.redirectTo);
  await state.sendMail(renderMail(opts.mail, opts.to, link, otp));
}
