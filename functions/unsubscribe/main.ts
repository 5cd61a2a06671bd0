import { createClient } from '@supabase/supabase-js';
import { makeHandler } from './handler.ts';

// The anon key suffices: public.unsubscribe is callable by anyone holding a message's token.
const db = createClient(Deno.env.get('SUPABASE_URL') ?? '', Deno.env.get('SUPABASE_ANON_KEY') ?? '', {
  auth: { persistSession: false, autoRefreshToken: false },
});

export const handler = makeHandler({
  appUrl: Deno.env.get('APP_URL') ?? 'http://localhost:3000',
  store: {
    async unsubscribe(token) {
      const { error } = await db.rpc('unsubscribe', { p_token: token });
      if (!error) return 'done';
      if (error.hint === 'unsubscribe_link_not_found') return 'not_found';
      throw new Error(`unsubscribe failed: ${error.code}`);
    },
  },
});
