import type { RateLimiter } from '../_shared/webhooks/rate-limit.ts';
import { verifyDelivery } from '../_shared/webhooks/verify.ts';
import { MAX_BODY_BYTES, PartnerEvent } from './payload.ts';
import { StoreError, type PartnerStore } from './store.ts';

export type { PartnerStore } from './store.ts';

export interface Deps {
  /** Data access as the service role: partners' secrets and the landing of their records. */
  store: PartnerStore;
  /** Per-partner request budget; answers the seconds to wait when a partner is over it. */
  limiter: RateLimiter;
  /** Wall clock (ms since the epoch) for the rate limit. */
  now: () => number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * POST /partner-webhook/<partner_id>: a partner's signed event (Standard Webhooks). The signature is checked
 * against the partner's active secrets before anything is written; a verified event is recorded once per
 * webhook-id (a retry answers 200 and changes nothing) and its vaccination lands on the unique pet with that
 * microchip, or is parked for staff review. Refusals of a known partner are recorded without their body.
 */
export function makeHandler(deps: Deps): (req: Request) => Promise<Response> {
  return async (req) => {
    try {
      return await handle(deps, req);
    } catch (e) {
      if (e instanceof StoreError) return fail(e.status, e.status === 409 ? 'conflict' : 'store_error', e.message);
      // the cause goes to the function's log; the partner is told only to retry
      console.error('partner-webhook:', e);
      return fail(503, 'unavailable', 'the delivery could not be processed now; retry later');
    }
  };
}

async function handle(deps: Deps, req: Request): Promise<Response> {
  if (req.method !== 'POST') return fail(405, 'method_not_allowed', 'use POST', { allow: 'POST' });
  const partnerId = new URL(req.url).pathname.split('/').filter(Boolean).at(-1) ?? '';
  const partner = UUID.test(partnerId) ? await deps.store.partner(partnerId) : null;
  if (!partner) return fail(404, 'partner_not_found', 'no partner at this address');

  const wait = deps.limiter.hit(partner.id, deps.now());
  if (wait !== null) {
    return fail(429, 'rate_limited', `too many deliveries; retry in ${wait} s`, { 'retry-after': String(wait) });
  }
  const messageId = req.headers.get('webhook-id');
  const refuse = async (status: number, code: string, message: string, details?: unknown) => {
    await deps.store.refuse(partner.id, messageId, message);
    return fail(status, code, message, undefined, details);
  };

  const body = await readLimited(req, MAX_BODY_BYTES);
  if (body === null) return refuse(413, 'payload_too_large', `the body is larger than ${MAX_BODY_BYTES / 1024} KiB`);

  const verified = verifyDelivery(body, req.headers, partner.secrets);
  if (!verified.ok) return refuse(401, verified.failure, verified.message);

  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return refuse(400, 'invalid_json', 'the body is not JSON');
  }
  const parsed = PartnerEvent.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    const where = issues.map((i) => `${i.path || 'body'}: ${i.message}`).join('; ');
    return refuse(422, 'invalid_event', `the event is not a known, valid event: ${where}`.slice(0, 500), issues);
  }

  const received = await deps.store.receive(partner.id, messageId ?? '', parsed.data.type, parsed.data.data);
  return json200({
    outcome: received.outcome,
    ...(received.reason ? { reason: received.reason } : {}),
    ...(received.replayed ? { replayed: true } : {}),
  });
}

/** The body as text, or null once it passes the limit (declared or streamed), so a huge body is never buffered. */
async function readLimited(req: Request, limit: number): Promise<string | null> {
  const declared = Number(req.headers.get('content-length') ?? NaN);
  if (declared > limit) return null;
  if (!req.body) return '';
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  return new TextDecoder().decode(all);
}

function json200(body: unknown): Response {
  return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
}

function fail(
  status: number,
  code: string,
  message: string,
  headers?: Record<string, string>,
  details?: unknown,
): Response {
  return new Response(JSON.stringify({ code, message, ...(details ? { details } : {}) }), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}
