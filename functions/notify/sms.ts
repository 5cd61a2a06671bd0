// SMS behind a provider interface. The Twilio adapter speaks the Messages API
// (POST /2010-04-01/Accounts/{AccountSid}/Messages.json, form-encoded To/From/Body, HTTP basic auth with the
// account SID and auth token; 201 + the message resource, or 4xx/5xx + {code, message, more_info, status}).
// Chosen by env: TWILIO_ACCOUNT_SID + TWILIO_AUTH_TOKEN + TWILIO_FROM (TWILIO_API_BASE points it at the
// local fake, twilio-fake.ts). Twilio's Messages API has no idempotency key; the dispatcher's lease and
// per-message outcome keep a resend to the rare crash between Twilio's 201 and the outcome being recorded.

export class SendError extends Error {
  constructor(
    message: string,
    /** true: retrying cannot help (bad number, no provider) → the message goes dead at once */
    readonly permanent = false,
  ) {
    super(message);
  }
}

export interface SmsProvider {
  readonly name: string;
  send(to: string, body: string): Promise<{ id: string }>;
}

export function twilioProvider(opts: {
  accountSid: string;
  authToken: string;
  from: string;
  apiBase?: string;
  fetch?: typeof fetch;
}): SmsProvider {
  const base = (opts.apiBase ?? 'https://api.twilio.com').replace(/\/$/, '');
  const doFetch = opts.fetch ?? fetch;
  return {
    name: 'twilio',
    async send(to, body) {
      const url = `${base}/2010-04-01/Accounts/${encodeURIComponent(opts.accountSid)}/Messages.json`;
      let res: Response;
      try {
        res = await doFetch(url, {
          method: 'POST',
          headers: {
            authorization: `Basic ${btoa(`${opts.accountSid}:${opts.authToken}`)}`,
            'content-type': 'application/x-www-form-urlencoded',
          },
          body: new URLSearchParams({ To: to, From: opts.from, Body: body }),
        });
      } catch (e) {
        throw new SendError(`twilio unreachable: ${(e as Error).message}`);
      }
      const json = (await res.json().catch(() => ({}))) as { sid?: string; code?: number; message?: string };
      if (res.status === 201 && json.sid) return { id: json.sid };
      const why = `twilio ${res.status}${json.code ? ` (${json.code})` : ''}: ${json.message ?? 'no message'}`;
      // 4xx other than 429 are the request's fault (bad number, unverified sender): retrying cannot help
      throw new SendError(why, res.status >= 400 && res.status < 500 && res.status !== 429);
    },
  };
}

/** The provider the environment configures, or null (SMS rows then go dead with a clear error). */
export function smsFromEnv(env: (k: string) => string | undefined): SmsProvider | null {
  const sid = env('TWILIO_ACCOUNT_SID');
  const token = env('TWILIO_AUTH_TOKEN');
  const from = env('TWILIO_FROM');
  if (!sid || !token || !from) return null;
  return twilioProvider({ accountSid: sid, authToken: token, from, apiBase: env('TWILIO_API_BASE') });
}
