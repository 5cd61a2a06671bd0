// Dispatch's live view: one PRIVATE realtime channel per route of the day (route:<id>; Realtime checks RLS on
// realtime.messages, which lets the business's staff in), with the user's access token from this app's server,
// as the roster does. Every broadcast on a channel — the triggers' route_stops / driver_positions changes and the
// driver's own position events — goes to `message`.
import { createClient, type RealtimeChannel } from '@supabase/supabase-js';
import { PUBLIC_SUPABASE_ANON_KEY, PUBLIC_SUPABASE_URL } from '$app/env/public';

export function followRoutes(
  slug: string,
  routeIds: string[],
  message: (routeId: string, payload: unknown) => void,
): () => void {
  let token: { access_token: string; expires_at: number | null } | null = null;
  async function accessToken(): Promise<string> {
    if (!token || (token.expires_at !== null && token.expires_at * 1000 - Date.now() < 60_000)) {
      const response = await fetch(`/b/${slug}/realtime-token`, { headers: { accept: 'application/json' } });
      if (!response.ok) throw new Error(`token request failed with ${response.status}`);
      token = await response.json();
    }
    return token!.access_token;
  }
  const supabase = createClient(PUBLIC_SUPABASE_URL ?? '', PUBLIC_SUPABASE_ANON_KEY ?? '', { accessToken });
  const channels: RealtimeChannel[] = [];
  let stopped = false;
  const renew = setInterval(() => void supabase.realtime.setAuth().catch(() => {}), 5 * 60_000);
  void (async () => {
    await supabase.realtime.setAuth();
    for (const id of routeIds) {
      if (stopped) return;
      const channel = supabase.channel(`route:${id}`, { config: { private: true } });
      channel.on('broadcast', { event: '*' }, (m) => message(id, m.payload));
      channel.subscribe();
      channels.push(channel);
    }
  })().catch(() => {});
  return () => {
    stopped = true;
    clearInterval(renew);
    for (const c of channels) void supabase.removeChannel(c);
    supabase.realtime.disconnect();
  };
}
