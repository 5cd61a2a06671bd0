// Outbound webhooks (channel 'webhook'): the event is POSTed as JSON to the business's endpoint, signed with
// Standard Webhooks (the `standardwebhooks` library, the one the inbound partner-webhook verifies with):
// `webhook-id` is the outbox row's id (the same on every retry, so receivers can dedupe), `webhook-timestamp`
// the attempt's time, `webhook-signature` v1 HMAC-SHA256 over id.timestamp.body. A 2xx is delivered; anything
// else is retried with the outbox's backoff and goes dead after N attempts (the status code is logged).
//
// SSRF: only http(s) URLs, no credentials in them, and the host — as written and as resolved now, at delivery
// time, so a DNS change cannot point an approved name inward — must not be loopback, private, link-local,
// carrier-grade NAT, multicast or otherwise reserved, unless WEBHOOK_ALLOW_PRIVATE_HOSTS=1 (tests and local
// development, where the receiver is on 127.0.0.1, set it explicitly). Redirects are not followed.
import { Webhook } from 'standardwebhooks';
import { SendError } from './sms.ts';

export interface WebhookTarget {
  id: string;
  url: string;
  secret: string;
}

export class WebhookError extends SendError {
  constructor(
    message: string,
    permanent: boolean,
    readonly statusCode?: number,
  ) {
    super(message, permanent);
  }
}

export interface WebhookOptions {
  allowPrivateHosts: boolean;
  timeoutMs: number;
  /** Host name → addresses (Deno.resolveDns in production; tests inject). */
  resolve?: (host: string) => Promise<string[]>;
  fetch?: typeof fetch;
  now?: () => Date;
}

/** IPv4 dotted quad → 32-bit number, or null. */
function v4(addr: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(addr);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return null;
  return ((parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3]) >>> 0;
}

const V4_BLOCKED: Array<[string, number, string]> = [
  ['0.0.0.0', 8, 'an unspecified address'],
  ['10.0.0.0', 8, 'a private address'],
  ['100.64.0.0', 10, 'a carrier-grade NAT address'],
  ['127.0.0.0', 8, 'a loopback address'],
  ['169.254.0.0', 16, 'a link-local address'],
  ['172.16.0.0', 12, 'a private address'],
  ['192.0.0.0', 24, 'a reserved address'],
  ['192.168.0.0', 16, 'a private address'],
  ['198.18.0.0', 15, 'a benchmarking address'],
  ['224.0.0.0', 4, 'a multicast address'],
  ['240.0.0.0', 4, 'a reserved address'],
];

/** Why an address may not receive webhooks, or null when it is a public address. */
export function blockedAddress(addr: string): string | null {
  const a = addr.replace(/^\[|\]$/g, '').toLowerCase();
  const n = v4(a);
  if (n !== null) {
    for (const [base, bits, why] of V4_BLOCKED) {
      const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
      if ((n & mask) >>> 0 === (v4(base)! & mask) >>> 0) return why;
    }
    return null;
  }
  if (!a.includes(':')) return null;
  // IPv4-mapped addresses (the URL parser writes ::ffff:127.0.0.1 as ::ffff:7f00:1): the IPv4 address decides
  const dotted = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (dotted) return blockedAddress(dotted[1]);
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(a);
  if (hex) {
    const [hi, lo] = [parseInt(hex[1], 16), parseInt(hex[2], 16)];
    return blockedAddress(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`);
  }
  if (a === '::1') return 'a loopback address';
  if (a === '::') return 'an unspecified address';
  const first = parseInt(a.split(':')[0] || '0', 16);
  if ((first & 0xfe00) === 0xfc00) return 'a private address';
  if ((first & 0xffc0) === 0xfe80) return 'a link-local address';
  if ((first & 0xff00) === 0xff00) return 'a multicast address';
  return null;
}

async function denoResolve(host: string): Promise<string[]> {
  const out: string[] = [];
  for (const type of ['A', 'AAAA'] as const) {
    try {
      out.push(...(await Deno.resolveDns(host, type)));
    } catch {
      // no record of that type
    }
  }
  return out;
}

/** Refuses a URL the dispatcher may not call (permanent: retrying cannot change the answer). */
export async function checkTarget(raw: string, opts: Pick<WebhookOptions, 'allowPrivateHosts' | 'resolve'>) {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new WebhookError('refused: the URL does not parse', true);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new WebhookError(`refused: ${url.protocol} URLs are not allowed (http or https only)`, true);
  if (url.username || url.password) throw new WebhookError('refused: credentials in the URL', true);
  if (opts.allowPrivateHosts) return url;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost'))
    throw new WebhookError(`refused: ${host} is a loopback address`, true);
  const literal = v4(host) !== null || host.includes(':');
  const addrs = literal ? [host] : await (opts.resolve ?? denoResolve)(host);
  if (addrs.length === 0) throw new WebhookError(`the host ${host} does not resolve`, false);
  for (const a of addrs) {
    const why = blockedAddress(a);
    if (why) throw new WebhookError(`refused: ${host} is ${why} (${a})`, true);
  }
  return url;
}

/** Signs and POSTs one event; resolves with the status on 2xx, throws WebhookError otherwise. */
export async function sendWebhook(
  messageId: string,
  target: WebhookTarget,
  event: Record<string, unknown>,
  opts: WebhookOptions,
): Promise<{ status: number }> {
  const url = await checkTarget(target.url, opts);
  const body = JSON.stringify(event);
  const at = (opts.now ?? (() => new Date()))();
  let signature: string;
  try {
    signature = new Webhook(target.secret).sign(messageId, at, body);
  } catch (e) {
    throw new WebhookError(`the endpoint's secret cannot sign: ${(e as Error).message}`, true);
  }
  let res: Response;
  try {
    res = await (opts.fetch ?? fetch)(url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(opts.timeoutMs),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'PawCentral-Webhooks/1',
        'webhook-id': messageId,
        'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
        'webhook-signature': signature,
      },
      body,
    });
  } catch (e) {
    const err = e as Error;
    const why = err.name === 'TimeoutError' ? `no answer within ${opts.timeoutMs} ms` : err.message;
    throw new WebhookError(`webhook: ${why}`, false);
  }
  // the body is not read beyond a little (a receiver must not hold the dispatcher)
  await res.body?.cancel().catch(() => {});
  if (res.status >= 200 && res.status < 300) return { status: res.status };
  const what = res.status >= 300 && res.status < 400 ? 'redirected (not followed)' : 'answered';
  throw new WebhookError(`webhook: ${what} HTTP ${res.status}`, false, res.status);
}
