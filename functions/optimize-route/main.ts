import { makeHandler } from './handler.ts';
import { supabaseStore } from './supabase-store.ts';

/** The handler wired to the real environment: Supabase REST as the caller, the system clock. */
export const handler = makeHandler({
  env: {
    ROUTING_URL: Deno.env.get('ROUTING_URL'),
  },
  storeFor: (jwt) => supabaseStore(Deno.env.get('SUPABASE_URL') ?? '', Deno.env.get('SUPABASE_ANON_KEY') ?? '', jwt),
  now: () => Date.now(),
});
