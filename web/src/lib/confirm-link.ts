// What an e-mail link brought back to /auth/confirm. Supabase sends one of two shapes: `?code=` when
// the flow is PKCE (the default of @supabase/ssr: the code is exchanged with the verifier cookie set
// when the e-mail was requested), or `?token_hash=&type=` when the e-mail template links straight to
// the app. A failed verification comes back as `?error=…&error_code=…&error_description=…`.

export const EMAIL_OTP_TYPES = ['signup', 'invite', 'magiclink', 'recovery', 'email_change', 'email'] as const;
export type EmailLinkType = (typeof EMAIL_OTP_TYPES)[number];

export type ConfirmLink =
  | { kind: 'code'; code: string }
  | { kind: 'token_hash'; tokenHash: string; type: EmailLinkType }
  | { kind: 'error'; code: string; description: string }
  | { kind: 'invalid' };

function isEmailLinkType(value: string): value is EmailLinkType {
  return (EMAIL_OTP_TYPES as readonly string[]).includes(value);
}

export function readConfirmLink(params: URLSearchParams): ConfirmLink {
  const error = params.get('error_code') ?? params.get('error');
  if (error) return { kind: 'error', code: error, description: params.get('error_description') ?? '' };
  const code = params.get('code');
  if (code) return { kind: 'code', code };
  const tokenHash = params.get('token_hash');
  const type = params.get('type');
  if (tokenHash && type && isEmailLinkType(type)) return { kind: 'token_hash', tokenHash, type };
  return { kind: 'invalid' };
}
