// The dispatcher's loop: claim a batch (leased, skip locked), deliver each message on its channel, record each
// outcome as soon as it is known (so a crash loses at most the messages in flight, whose lease then runs
// out and which are claimed again), until nothing is due or the time budget is spent.
import { retryDelaySeconds } from './backoff.ts';
import type { Mailer } from './email.ts';
import { SendError, type SmsProvider } from './sms.ts';
import { render } from './templates.ts';
import { sendPush, type PushDeps, type PushSubscriptionRow } from './push.ts';
import { sendWebhook, WebhookError, type WebhookOptions, type WebhookTarget } from './webhook.ts';

export interface Claimed {
  id: string;
  claim_id: string;
  attempts: number;
  channel: 'email' | 'sms' | 'push' | 'in_app' | 'webhook';
  template: string;
  dedupe_key: string;
  unsubscribe_token: string;
  business: { id: string; name: string; slug: string; timezone: string };
  recipient: {
    user_id: string | null;
    client_id: string | null;
    name: string | null;
    email: string | null;
    phone: string | null;
  };
  payload: Record<string, unknown>;
  /** channel 'webhook' only: the endpoint and its signing secret */
  webhook?: WebhookTarget | null;
  /** channel 'push' only: the recipient's browsers */
  push?: PushSubscriptionRow[] | null;
}

export interface Outcome {
  error?: string;
  retryInSeconds?: number;
  providerMessageId?: string;
  /** the HTTP status a webhook endpoint answered */
  statusCode?: number;
}

export interface Store {
  claim(limit: number, leaseSeconds: number, maxAttempts: number, businessId?: string): Promise<Claimed[]>;
  record(id: string, claimId: string, outcome: Outcome): Promise<string>;
}

export interface Options {
  batch: number;
  leaseSeconds: number;
  maxAttempts: number;
  backoffBaseSeconds: number;
  backoffCapSeconds: number;
  concurrency: number;
  /** Stop claiming new batches after this long (the edge runtime's wall clock is limited). */
  budgetMs: number;
  /** Wait between messages (tests that stop a worker mid-batch use it). */
  pauseMs: number;
  /** Only this business's rows. */
  businessId?: string;
}

export const DEFAULTS: Options = {
  batch: 100,
  leaseSeconds: 120,
  maxAttempts: 5,
  backoffBaseSeconds: 30,
  backoffCapSeconds: 3600,
  concurrency: 10,
  budgetMs: 45_000,
  pauseMs: 0,
};

export interface Deps {
  store: Store;
  mailer: Mailer;
  sms: SmsProvider | null;
  appUrl: string;
  /** Where the one-click POST goes (functions/unsubscribe): <SUPABASE_URL>/functions/v1. */
  functionsUrl: string;
  webhooks?: WebhookOptions;
  /** Web Push: VAPID keys and how to forget a gone subscription (absent: pushes go dead, not configured). */
  push?: PushDeps;
  now?: () => number;
  random?: () => number;
  onRecorded?: (id: string, status: string) => void;
}

export interface Summary {
  claimed: number;
  sent: number;
  failed: number;
  dead: number;
  stale: number;
}

/** Delivers one message on its channel; throws SendError on failure. */
export async function deliver(row: Claimed, deps: Deps): Promise<{ id?: string; statusCode?: number }> {
  if (row.channel === 'webhook') {
    // the payload is the event itself ({id, type, created_at, data}), sent as it was enqueued
    if (!row.webhook) throw new WebhookError('the webhook endpoint is gone', true);
    const { status } = await sendWebhook(row.id, row.webhook, row.payload, {
      allowPrivateHosts: false,
      timeoutMs: 10_000,
      ...deps.webhooks,
    });
    return { statusCode: status };
  }
  // the link in the text goes to the app's confirm page; List-Unsubscribe (RFC 8058 POST) to the function
  const unsubscribeUrl = `${deps.appUrl.replace(/\/$/, '')}/unsubscribe/${row.unsubscribe_token}`;
  const oneClickUrl = `${deps.functionsUrl.replace(/\/$/, '')}/unsubscribe/${row.unsubscribe_token}`;
  const r = render(row.template, row.payload, {
    businessName: row.business.name,
    timezone: row.business.timezone,
    recipientName: row.recipient.name,
    unsubscribeUrl: row.channel === 'in_app' ? undefined : unsubscribeUrl,
  });
  switch (row.channel) {
    case 'email': {
      if (!row.recipient.email) throw new SendError('recipient has no e-mail address', true);
      return deps.mailer.send({
        to: row.recipient.email,
        subject: r.subject,
        text: r.text,
        html: r.html,
        messageId: `<${row.id}@notify.pawcentral>`,
        unsubscribeUrl: oneClickUrl,
        fromName: row.business.name,
      });
    }
    case 'sms': {
      if (!deps.sms) throw new SendError('no SMS provider configured (TWILIO_* settings)', true);
      if (!row.recipient.phone) throw new SendError('recipient has no phone number or no SMS consent', true);
      return deps.sms.send(row.recipient.phone, `${r.short} Stop: ${unsubscribeUrl}`);
    }
    case 'in_app':
      // the row is the message; recording it sent broadcasts it on the recipient's private topics
      return {};
    case 'push': {
      if (!deps.push) throw new SendError('web push is not configured (VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY)', true);
      const app = deps.appUrl.replace(/\/$/, '');
      const { accepted } = await sendPush(
        row.push ?? [],
        {
          title: r.subject,
          body: r.short,
          // parents read their messages in the portal; staff land on their business
          url: row.recipient.client_id ? `${app}/portal/messages` : `${app}/b/${row.business.slug}`,
          tag: row.dedupe_key,
        },
        deps.push,
      );
      return { id: `push:${accepted}` };
    }
    default:
      throw new SendError(`unknown channel ${row.channel}`, true);
  }
}

export async function dispatch(deps: Deps, opts: Partial<Options> = {}): Promise<Summary> {
  const o = { ...DEFAULTS, ...opts };
  const now = deps.now ?? Date.now;
  const start = now();
  const sum: Summary = { claimed: 0, sent: 0, failed: 0, dead: 0, stale: 0 };
  while (now() - start < o.budgetMs) {
    const rows = await deps.store.claim(o.batch, o.leaseSeconds, o.maxAttempts, o.businessId);
    sum.claimed += rows.length;
    let next = 0;
    const worker = async () => {
      while (next < rows.length) {
        const row = rows[next++];
        const outcome: Outcome = {};
        try {
          const done = await deliver(row, deps);
          outcome.providerMessageId = done.id;
          outcome.statusCode = done.statusCode;
        } catch (e) {
          const err = e instanceof SendError ? e : new SendError(String((e as Error)?.message ?? e));
          outcome.error = err.message;
          if (err instanceof WebhookError) outcome.statusCode = err.statusCode;
          if (!err.permanent && row.attempts < o.maxAttempts)
            outcome.retryInSeconds = retryDelaySeconds(row.attempts, {
              baseSeconds: o.backoffBaseSeconds,
              capSeconds: o.backoffCapSeconds,
              random: deps.random,
            });
        }
        const status = await deps.store.record(row.id, row.claim_id, outcome);
        if (status === 'sent') sum.sent++;
        else if (status === 'failed') sum.failed++;
        else if (status === 'dead') sum.dead++;
        else sum.stale++;
        deps.onRecorded?.(row.id, status);
        if (o.pauseMs > 0) await new Promise((r) => setTimeout(r, o.pauseMs));
      }
    };
    await Promise.all(Array.from({ length: Math.min(o.concurrency, rows.length) }, worker));
    if (rows.length < o.batch) break;
  }
  return sum;
}
