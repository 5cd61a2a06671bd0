import { Webhook, WebhookVerificationError } from 'standardwebhooks';

/** Why a delivery failed Standard Webhooks verification, as the partner is told (never which secret failed). */
export type VerifyFailure = 'missing_headers' | 'stale_timestamp' | 'bad_signature';

export type VerifyResult = { ok: true } | { ok: false; failure: VerifyFailure; message: string };

const MESSAGES: Record<VerifyFailure, string> = {
  missing_headers: 'webhook-id, webhook-timestamp and webhook-signature headers are required',
  stale_timestamp: 'webhook-timestamp is more than 5 minutes away from our clock',
  bad_signature: 'webhook-signature does not match the body with any active secret',
};

/**
 * Checks a delivery's Standard Webhooks signature (HMAC-SHA256 over `id.timestamp.body`, 5-minute tolerance)
 * against each active secret, so both secrets of a rotation are accepted. The library does the comparison in
 * constant time; a secret that cannot be decoded is skipped rather than trusted.
 */
export function verifyDelivery(body: string, headers: Headers, secrets: string[]): VerifyResult {
  const wanted = {
    'webhook-id': headers.get('webhook-id') ?? '',
    'webhook-timestamp': headers.get('webhook-timestamp') ?? '',
    'webhook-signature': headers.get('webhook-signature') ?? '',
  };
  if (!wanted['webhook-id'] || !wanted['webhook-timestamp'] || !wanted['webhook-signature']) {
    return fail('missing_headers');
  }
  let failure: VerifyFailure = 'bad_signature';
  for (const secret of secrets) {
    let hook: Webhook;
    try {
      hook = new Webhook(secret);
    } catch {
      continue;
    }
    try {
      hook.verify(body, wanted, { jsonParse: false });
      return { ok: true };
    } catch (e) {
      if (!(e instanceof WebhookVerificationError)) throw e;
      // the timestamp is checked before any signature, so it fails the same way for every secret
      if (/timestamp/i.test(e.message) || /Invalid Signature Headers/.test(e.message)) failure = 'stale_timestamp';
    }
  }
  return fail(failure);
}

function fail(failure: VerifyFailure): VerifyResult {
  return { ok: false, failure, message: MESSAGES[failure] };
}
