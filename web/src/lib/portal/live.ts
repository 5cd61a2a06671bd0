// The parent's live feed: their PRIVATE realtime channel client:<id> (supabase/schemas/1300_realtime.sql),
// joined with the parent's access token, which Realtime checks against RLS on realtime.messages. As on
// the staff roster, the token comes from this app's server (/portal/realtime-token; the session stays in
// httpOnly cookies) through supabase-js's `accessToken` option, so every reconnect presents it again.
// The page imports this module lazily, after first paint, to keep supabase-js out of its first load.
import { createClient, type RealtimeChannel } from '@supabase/supabase-js';
import { PUBLIC_SUPABASE_ANON_KEY, PUBLIC_SUPABASE_URL } from '$app/env/public';
import type { RowChange } from './status.ts';

export type LiveStatus = 'connecting' | 'live' | 'reconnecting' | 'refused';

export interface LiveFeed {
  stop(): void;
}

interface Token {
  access_token: string;
  expires_at: number | null;
}

async function fetchToken(): Promise<Token> {
  const response = await fetch('/portal/realtime-token', { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`token request failed with ${response.status}`);
  return response.json();
}

export function followClient(
  clientId: string,
  handlers: { change: (change: RowChange) => void; status: (status: LiveStatus) => void; caughtUp: () => void },
): LiveFeed {
  let token: Token | null = null;
  async function accessToken(): Promise<string> {
    if (!token || (token.expires_at !== null && token.expires_at * 1000 - Date.now() < 60_000)) {
      token = await fetchToken();
    }
    return token.access_token;
  }
  const supabase = createClient(PUBLIC_SUPABASE_URL ?? '', PUBLIC_SUPABASE_ANON_KEY ?? '', { accessToken });
  let channel: RealtimeChannel | null = null;
  let stopped = false;
  let joinedBefore = false;
  const renew = setInterval(
    () => void supabase.realtime.setAuth().catch(() => handlers.status('reconnecting')),
    5 * 60_000,
  );

  async function start(): Promise<void> {
    handlers.status('connecting');
    await supabase.realtime.setAuth();
    if (stopped) return;
    channel = supabase.channel(`client:${clientId}`, { config: { private: true } });
    channel.on('broadcast', { event: '*' }, (message) => handlers.change(message.payload as RowChange));
    channel.subscribe((status) => {
      if (status === 'SUBSCRIBED') {
        handlers.status('live');
        // What changed while we were away was not broadcast to us: fetch the day afresh.
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
