import { fixedWindowLimiter } from '../_shared/webhooks/rate-limit.ts';
import { makeHandler } from './handler.ts';
import { supabaseStore } from './supabase-store.ts';

/** The handler wired to the real environment: Supabase REST as the service role, the system clock. */
export const handler = makeHandler({
  store: supabaseStore(Deno.env.get('SUPABASE_URL') ?? '', Deno.env.get('SUPABASE_SERVICE_ROLE_KEY') ?? ''),
  limiter: fixedWindowLimiter(Number(Deno.env.get('PARTNER_WEBHOOK_RATE_PER_MINUTE') ?? 60), 60_000),
  now: () => Date.now(),
});
