// Everything the pages ask of Supabase Auth, with its errors turned into sentences at this boundary so
// routes only decide what to show and where to go.
import type { User } from '@supabase/supabase-js';
import type { ConfirmLink } from '#lib/confirm-link.ts';
import { authMessage } from '#lib/auth-messages.ts';
import type { Supabase } from './supabase.ts';

/** `code` is GoTrue's error code, `network` when Auth could not be reached, or `invalid_link`. */
export type AuthResult = { ok: true } | { ok: false; code: string; message: string };

const ok: AuthResult = { ok: true };

function failed(error: { code?: string; status?: number }): AuthResult {
  const unreachable = !error.status || error.status >= 500;
  return { ok: false, code: error.code ?? (unreachable ? 'network' : 'unknown'), message: authMessage(error) };
}

/**
 * The signed-in user, validated by the Auth server (never trusted from the cookie alone: a cookie can
 * be forged, the server's answer cannot). Null when signed out or when the session is no longer valid.
 */
export async function currentUser(supabase: Supabase): Promise<User | null> {
  try {
    const { data, error } = await supabase.auth.getUser();
    return error ? null : data.user;
  } catch {
    return null;
  }
}

export async function signIn(supabase: Supabase, email: string, password: string): Promise<AuthResult> {
  try {
    const { error } = await supabase.auth.signInWithPassword({ email, password });
    return error ? failed(error) : ok;
  } catch {
    return failed({});
  }
}

/**
 * Creates an account. Where the Auth server asks for e-mail confirmation (the default, and the local stack's
 * config) no session comes back and a link is mailed that returns to `redirectTo`; `confirmed` says whether
 * the user is signed in already (a server that auto-confirms). A taken address looks like a new one, as
 * Supabase answers, so nobody learns who has an account.
 */
export async function signUp(
  supabase: Supabase,
  email: string,
  password: string,
  redirectTo: string,
): Promise<AuthResult & { confirmed?: boolean }> {
  try {
    const { data, error } = await supabase.auth.signUp({ email, password, options: { emailRedirectTo: redirectTo } });
    return error ? failed(error) : { ok: true, confirmed: data.session !== null };
  } catch {
    return failed({});
  }
}

/** Ends this browser's session. The caller clears the cookies even if the server could not be told. */
export async function signOut(supabase: Supabase): Promise<AuthResult> {
  try {
    const { error } = await supabase.auth.signOut({ scope: 'local' });
    return error ? failed(error) : ok;
  } catch {
    return failed({});
  }
}

/**
 * Sends a password-reset e-mail whose link leads back to `redirectTo`. Supabase answers alike whether
 * or not the address has an account, and so do we.
 */
export async function sendPasswordReset(supabase: Supabase, email: string, redirectTo: string): Promise<AuthResult> {
  try {
    const { error } = await supabase.auth.resetPasswordForEmail(email, { redirectTo });
    return error ? failed(error) : ok;
  } catch {
    return failed({});
  }
}

/** Turns the link from an e-mail into a session (PKCE code or token hash). */
export async function confirmEmailLink(supabase: Supabase, link: ConfirmLink): Promise<AuthResult> {
  try {
    switch (link.kind) {
      case 'code': {
        const { error } = await supabase.auth.exchangeCodeForSession(link.code);
        return error ? failed(error) : ok;
      }
      case 'token_hash': {
        const { error } = await supabase.auth.verifyOtp({ token_hash: link.tokenHash, type: link.type });
        return error ? failed(error) : ok;
      }
      case 'error':
        return failed({ code: link.code, status: 403 });
      case 'invalid':
        return {
          ok: false,
          code: 'invalid_link',
          message: 'That link is incomplete. Copy the whole link from the e-mail, or ask for a new one.',
        };
    }
  } catch {
    return failed({});
  }
}

/**
 * Turns the 6-digit code of a reset e-mail into a session. Unlike the link, the code works on any
 * device: nothing from the browser that asked for the e-mail is needed.
 */
export async function verifyRecoveryCode(supabase: Supabase, email: string, code: string): Promise<AuthResult> {
  try {
    const { error } = await supabase.auth.verifyOtp({ email, token: code, type: 'recovery' });
    return error ? failed(error) : ok;
  } catch {
    return failed({});
  }
}

export async function setPassword(supabase: Supabase, password: string): Promise<AuthResult> {
  try {
    const { error } = await supabase.auth.updateUser({ password });
    return error ? failed(error) : ok;
  } catch {
    return failed({});
  }
}

/**
 * Creates an account (the invitation accept page). `signedIn` is false when Auth wants the address
 * confirmed first: its e-mail links to `emailRedirectTo`. `exists` when the address already has an account.
 */
export async function signUpWithPassword(
  supabase: Supabase,
  email: string,
  password: string,
  fullName: string,
  emailRedirectTo: string,
): Promise<{ ok: true; signedIn: boolean } | { ok: false; code: string; message: string }> {
  try {
    const { data, error } = await supabase.auth.signUp({
      email,
      password,
      options: { data: fullName ? { full_name: fullName } : {}, emailRedirectTo },
    });
    if (error) return failed(error) as { ok: false; code: string; message: string };
    // With confirmations on, an address that already has an account answers like a new one, without a
    // session or identities (GoTrue hides which addresses exist).
    return { ok: true, signedIn: !!data.session };
  } catch {
    return failed({}) as { ok: false; code: string; message: string };
  }
}
