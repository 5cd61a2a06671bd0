// One-line messages a page shows after a redirect (`?notice=<key>`). Only these keys are honoured, so
// nobody can put their own words on our pages through a crafted link.

export const NOTICES = {
  'signed-out': { tone: 'success', text: 'You are signed out.' },
  'password-updated': { tone: 'success', text: 'Your password has been changed.' },
  'link-expired': { tone: 'error', text: 'That link has expired or was already used. Ask for a new one.' },
  'link-other-browser': {
    tone: 'error',
    text: 'This link only works in the browser where you asked for it. Enter the 6-digit code from the e-mail below instead, or ask for a new e-mail.',
  },
  'link-incomplete': {
    tone: 'error',
    text: 'That link is incomplete. Copy the whole link from the e-mail, or ask for a new one.',
  },
  'email-confirmed': {
    tone: 'success',
    text: 'Your e-mail address is confirmed. Sign in to create your business.',
  },
  'auth-unavailable': {
    tone: 'error',
    text: 'The sign-in service is not reachable right now. Please try again shortly.',
  },
} as const;

export type NoticeKey = keyof typeof NOTICES;
export type Notice = (typeof NOTICES)[NoticeKey];

export function readNotice(key: string | null): Notice | null {
  return key && Object.hasOwn(NOTICES, key) ? NOTICES[key as NoticeKey] : null;
}

/** Which notice explains a failed e-mail link, from the Auth error code (or our own `invalid_link`). */
export function linkNotice(code: string | undefined): NoticeKey {
  switch (code) {
    case 'invalid_link':
      return 'link-incomplete';
    case 'pkce_code_verifier_not_found': // auth-js: no verifier cookie in this browser
    case 'flow_state_not_found':
    case 'bad_code_verifier':
      return 'link-other-browser';
    case 'network':
      return 'auth-unavailable';
    default:
      return 'link-expired';
  }
}
