// The roster's live feed: the business's PRIVATE realtime channel business:<id>, joined with the
// signed-in user's access token (Realtime checks RLS on realtime.messages). The token comes from this
// app's server (the session itself stays in httpOnly cookies) through supabase-js's `accessToken`
// option, so every reconnect and rejoin presents it — a token set once by hand would be replaced by the
// anon key on the first reconnect.
import { createClient, type RealtimeChannel } from '@supabase/supabase-js';
import { PUBLIC_SUPABASE_ANON_KEY, PUBLIC_SUPABASE_URL } from '$app/env/public';
import type { RowChange } from '#lib/scan/roster.ts';

export type LiveStatus = 'connecting' | 'live' | 'reconnecting' | 'refused';

export interface LiveFeed {
  stop(): void;
}

interface Token {
  access_token: string;
  expires_at: number | null;
}

async function fetchToken(slug: string): Promise<Token> {
  const response = await fetch(`/b/${slug}/realtime-token`, { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`token request failed with ${response.status}`);
  return response.json();
}

export function followBusiness(
  business: { id: string; slug: string },
  handlers: { change: (change: RowChange) => void; status: (status: LiveStatus) => void; caughtUp: () => void },
): LiveFeed {
  let token: Token | null = null;
  // Realtime asks for the token on every (re)connect and join; hand it ours, renewed a minute early.
  async function accessToken(): Promise<string> {
    if (!token || (token.expires_at !== null && token.expires_at * 1000 - Date.now() < 60_000)) {
      token = await fetchToken(business.slug);
    }
    return token.access_token;
  }
  const supabase = createClient(PUBLIC_SUPABASE_URL ?? '', PUBLIC_SUPABASE_ANON_KEY ?? '', { accessToken });
  let channel: RealtimeChannel | null = null;
  let stopped = false;
  let joinedBefore = false;
  // Pushes a fresh token to the joined channel before the old one expires.
  const renew = setInterval(
    () => void supabase.realtime.setAuth().catch(() => handlers.status('reconnecting')),
    5 * 60_000,
  );

  async function start(): Promise<void> {
    handlers.status('connecting');
    await supabase.realtime.setAuth();
    if (stopped) return;
    channel = supabase.channel(`business:${business.id}`, { config: { private: true } });
    channel.on('broadcast', { event: '*' }, (message) => handlers.change(message.payload as RowChange));
    channel.subscribe((status) => {
      if (status === 'SUBSCRIBED') {
        handlers.status('live');
        // Changes made while we were away were not broadcast to us: fetch the roster afresh.
        if (joinedBefore) handlers.caughtUp();
        joinedBefore = true;
      } else if (status === 'CHANNEL_ERROR' && !joinedBefore) {
        handlers.status('refused');
      } else if (!stopped) {
        handlers.status('reconnecting');
      }
    });
  }

  void start().catch(() => handlers.status('reconnecting'));

  return {
    stop() {
      stopped = true;
      clearInterval(renew);
      if (channel) void supabase.removeChannel(channel);
      supabase.realtime.disconnect();
    },
  };
}
