// Web Push (channel 'push'): the message's short line goes to each of the recipient's browsers through their
// push service (RFC 8030: POST to the subscription's endpoint with TTL and Urgency headers; 201 = accepted),
// with a VAPID JWT (RFC 8292) and the payload encrypted to the browser's keys (RFC 8291, aes128gcm). The
// `web-push` library builds the request (JWT signing and encryption); we send it with fetch, so the timeout and
// the outcome are ours. A 404 or 410 means the browser dropped the subscription: it is deleted. Keys by env:
// VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY (base64url, `npx web-push generate-vapid-keys`), VAPID_SUBJECT
// (mailto: or https: contact for the push service).
import webpush from 'web-push';
import { SendError } from './sms.ts';

export interface PushSubscriptionRow {
  id: string;
  endpoint: string;
  p256dh: string;
  auth: string;
}

export interface Vapid {
  subject: string;
  publicKey: string;
  privateKey: string;
}

export interface PushMessage {
  title: string;
  body: string;
  url: string;
  tag: string;
}

export interface PushDeps {
  vapid: Vapid | null;
  /** Deletes a subscription the push service says is gone. */
  forget: (subscriptionId: string) => Promise<void>;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export function vapidFromEnv(env: (k: string) => string | undefined): Vapid | null {
  const publicKey = env('VAPID_PUBLIC_KEY');
  const privateKey = env('VAPID_PRIVATE_KEY');
  if (!publicKey || !privateKey) return null;
  return { publicKey, privateKey, subject: env('VAPID_SUBJECT') ?? 'mailto:notifications@pawcentral.invalid' };
}

/**
 * Sends to every subscription; delivered when at least one push service accepted it. Gone subscriptions
 * are forgotten; when none is left the message is dead (permanent); other failures are retried.
 */
export async function sendPush(
  subs: PushSubscriptionRow[],
  message: PushMessage,
  deps: PushDeps,
  opts: { ttlSeconds?: number; urgency?: 'very-low' | 'low' | 'normal' | 'high' } = {},
): Promise<{ accepted: number; forgotten: number }> {
  if (!deps.vapid) throw new SendError('web push is not configured (VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY)', true);
  if (subs.length === 0) throw new SendError('the recipient has no push subscription', true);
  let accepted = 0;
  let forgotten = 0;
  const errors: string[] = [];
  for (const s of subs) {
    let req: { method: string; headers: Record<string, string | number>; body: Uint8Array | null; endpoint: string };
    try {
      req = webpush.generateRequestDetails(
        { endpoint: s.endpoint, keys: { p256dh: s.p256dh, auth: s.auth } },
        JSON.stringify(message),
        {
          vapidDetails: deps.vapid,
          TTL: opts.ttlSeconds ?? 24 * 3600,
          urgency: opts.urgency ?? 'normal',
          contentEncoding: 'aes128gcm',
        },
      ) as typeof req;
    } catch (e) {
      // a malformed key or endpoint cannot be fixed by retrying: forget it
      errors.push(`subscription ${s.id}: ${(e as Error).message}`);
      await deps.forget(s.id);
      forgotten++;
      continue;
    }
    let res: Response;
    try {
      res = await (deps.fetch ?? fetch)(req.endpoint, {
        method: req.method,
        headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])),
        body: req.body as BodyInit | null,
        redirect: 'manual',
        signal: AbortSignal.timeout(deps.timeoutMs ?? 10_000),
      });
    } catch (e) {
      errors.push(`push service: ${(e as Error).message}`);
      continue;
    }
    await res.body?.cancel().catch(() => {});
    if (res.status >= 200 && res.status < 300) accepted++;
    else if (res.status === 404 || res.status === 410) {
      await deps.forget(s.id);
      forgotten++;
    } else errors.push(`push service answered HTTP ${res.status}`);
  }
  if (accepted > 0) return { accepted, forgotten };
  if (forgotten === subs.length) throw new SendError('every push subscription of the recipient has expired', true);
  throw new SendError(errors.join('; ') || 'push failed', false);
}
