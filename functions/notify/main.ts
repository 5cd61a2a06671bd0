import type { Deps } from './dispatch.ts';
import { smtpFromEnv, smtpMailer, type Mailer } from './email.ts';
import { makeHandler } from './handler.ts';
import { vapidFromEnv } from './push.ts';
import { smsFromEnv } from './sms.ts';
import { supabaseStore } from './supabase-store.ts';

const env = (k: string) => Deno.env.get(k);
let mailer: Mailer | undefined;

/** Everything from the environment: Supabase REST as the service role, SMTP, the SMS provider. */
export function depsFromEnv(): Deps {
  mailer ??= smtpMailer(smtpFromEnv(env));
  const store = supabaseStore(env('SUPABASE_URL') ?? '', env('SUPABASE_SERVICE_ROLE_KEY') ?? '');
  return {
    store,
    push: { vapid: vapidFromEnv(env), forget: (id) => store.forgetPushSubscription(id) },
    mailer,
    sms: smsFromEnv(env),
    appUrl: env('APP_URL') ?? 'http://localhost:3000',
    functionsUrl: env('PUBLIC_FUNCTIONS_URL') ?? `${env('SUPABASE_URL') ?? ''}/functions/v1`,
    // production refuses webhook URLs that resolve to private or loopback addresses; only an explicit
    // WEBHOOK_ALLOW_PRIVATE_HOSTS=1 (tests, local development) lifts that
    webhooks: {
      allowPrivateHosts: env('WEBHOOK_ALLOW_PRIVATE_HOSTS') === '1',
      timeoutMs: Number(env('WEBHOOK_TIMEOUT_MS') ?? 10_000),
    },
  };
}

export const handler = makeHandler(depsFromEnv, {
  maxAttempts: Number(env('NOTIFY_MAX_ATTEMPTS') ?? 5),
  backoffBaseSeconds: Number(env('NOTIFY_BACKOFF_BASE_SECONDS') ?? 30),
});
