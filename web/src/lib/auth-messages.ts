// What to tell a person when Supabase Auth refuses something. GoTrue's error codes are stable; their
// messages are written for developers, so we translate the codes we expect and stay vague on the rest
// (never revealing whether an account exists).

export interface AuthFailure {
  code?: string;
  status?: number;
}

const MESSAGES: Record<string, string> = {
  invalid_credentials: 'Wrong e-mail address or password.',
  email_not_confirmed: 'Confirm your e-mail address first: follow the link we sent you.',
  user_banned: 'This account is suspended. Contact your business administrator.',
  over_request_rate_limit: 'Too many attempts. Wait a minute and try again.',
  over_email_send_rate_limit: 'Too many e-mails were sent. Wait a minute and try again.',
  weak_password: 'That password is too weak. Use a longer one that is harder to guess.',
  same_password: 'Choose a password different from your current one.',
  otp_expired: 'That link has expired or was already used. Ask for a new one.',
  flow_state_expired: 'That link has expired. Ask for a new one.',
  flow_state_not_found: 'That link can only be opened in the browser where you asked for it, and only once.',
  bad_code_verifier: 'That link can only be opened in the browser where you asked for it, and only once.',
  pkce_code_verifier_not_found: 'That link can only be opened in the browser where you asked for it, and only once.',
  session_not_found: 'Your session has ended. Sign in again.',
};

export const GENERIC_AUTH_MESSAGE = 'Something went wrong. Please try again.';
export const UNAVAILABLE_AUTH_MESSAGE = 'The sign-in service is not reachable right now. Please try again shortly.';

/** A sentence for the user, given a Supabase auth error (or anything thrown while calling Auth). */
export function authMessage(error: AuthFailure): string {
  if (error.code && error.code in MESSAGES) return MESSAGES[error.code];
  if (error.status === 429) return MESSAGES.over_request_rate_limit;
  if (!error.status || error.status >= 500) return UNAVAILABLE_AUTH_MESSAGE;
  return GENERIC_AUTH_MESSAGE;
}
