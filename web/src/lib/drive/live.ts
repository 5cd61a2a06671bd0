// The driver's live channel: the PRIVATE route:<id> topic (RLS on realtime.messages lets the route's driver and
// the business's staff join and send; parents are not on it, they hear a data-free nudge on eta:<id>). The
// page sends the phone's position there as `position` broadcasts for dispatch's live map, and hears stop
// changes made elsewhere (dispatch) to reload. Imported lazily, after first paint, to keep it out of the page's
// first load. Only Realtime's own client (re-exported by supabase-js): the page needs no REST, auth or storage
// client here, and those were most of the live channel's weight (#12's bundle figure).
import { RealtimeClient, type RealtimeChannel } from '@supabase/realtime-js';
import { PUBLIC_SUPABASE_ANON_KEY, PUBLIC_SUPABASE_URL } from '$app/env/public';

export interface LivePosition {
  lat: number;
  lng: number;
  heading: number | null;
  speed: number | null;
  at: string;
}

export interface RouteChannel {
  sendPosition(p: LivePosition): void;
  stop(): void;
}

interface Token {
  access_token: string;
  expires_at: number | null;
}

export function joinRoute(
  routeId: string,
  handlers: { changed: () => void; live: (on: boolean) => void },
): RouteChannel {
  let token: Token | null = null;
  async function accessToken(): Promise<string> {
    if (!token || (token.expires_at !== null && token.expires_at * 1000 - Date.now() < 60_000)) {
      const response = await fetch('/drive/realtime-token', { headers: { accept: 'application/json' } });
      if (!response.ok) throw new Error(`token request failed with ${response.status}`);
      token = (await response.json()) as Token;
    }
    return token.access_token;
  }
  // The endpoint supabase-js would use: <project>/realtime/v1 over ws(s), the anon key as the apikey param.
  const endpoint = new URL('realtime/v1', `${(PUBLIC_SUPABASE_URL ?? '').replace(/\/+$/, '')}/`);
  endpoint.protocol = endpoint.protocol.replace('http', 'ws');
  const realtime = new RealtimeClient(endpoint.href, {
    params: { apikey: PUBLIC_SUPABASE_ANON_KEY ?? '' },
    accessToken,
  });
  let channel: RealtimeChannel | null = null;
  let joined = false;
  let stopped = false;
  const renew = setInterval(() => void realtime.setAuth().catch(() => handlers.live(false)), 5 * 60_000);

  void (async () => {
    await realtime.setAuth();
    if (stopped) return;
    channel = realtime.channel(`route:${routeId}`, { config: { private: true, broadcast: { self: false } } });
    // Stop rows changed by someone else (dispatch re-timing, staff marking): reload the day.
    channel.on('broadcast', { event: 'UPDATE' }, () => handlers.changed());
    channel.subscribe((status) => {
      joined = status === 'SUBSCRIBED';
      handlers.live(joined);
    });
  })().catch(() => handlers.live(false));

  return {
    sendPosition(p) {
      if (!channel || !joined) return; // live only; the sampled copy goes through the outbox
      void channel.send({ type: 'broadcast', event: 'position', payload: { route_id: routeId, ...p } });
    },
    stop() {
      stopped = true;
      clearInterval(renew);
      if (channel) void realtime.removeChannel(channel);
      void realtime.disconnect();
    },
  };
}
