// Follows one pet's ride for the portal: asks pet_eta (as the parent, with the access token from
// /portal/realtime-token) and asks again whenever the route nudges eta:<route id> — a private topic that carries
// no rows and no positions, only "look again" (supabase/schemas/0940_drive.sql). Imported after first paint.
import { createClient, type RealtimeChannel } from '@supabase/supabase-js';
import { PUBLIC_SUPABASE_ANON_KEY, PUBLIC_SUPABASE_URL } from '$app/env/public';
import type { PetEtaAnswer } from './eta.ts';

interface Token {
  access_token: string;
  expires_at: number | null;
}

export interface EtaFeed {
  stop(): void;
}

export function followPetEta(
  petId: string,
  handlers: { update: (eta: PetEtaAnswer) => void; failed: () => void },
): EtaFeed {
  let token: Token | null = null;
  async function accessToken(): Promise<string> {
    if (!token || (token.expires_at !== null && token.expires_at * 1000 - Date.now() < 60_000)) {
      const response = await fetch('/portal/realtime-token', { headers: { accept: 'application/json' } });
      if (!response.ok) throw new Error(`token request failed with ${response.status}`);
      token = (await response.json()) as Token;
    }
    return token.access_token;
  }
  const supabase = createClient(PUBLIC_SUPABASE_URL ?? '', PUBLIC_SUPABASE_ANON_KEY ?? '', { accessToken });
  let channel: RealtimeChannel | null = null;
  let routeId: string | null = null;
  let stopped = false;
  let inFlight: Promise<void> | null = null;
  let again = false;

  function listen(id: string) {
    if (routeId === id) return;
    if (channel) void supabase.removeChannel(channel);
    routeId = id;
    channel = supabase.channel(`eta:${id}`, { config: { private: true } });
    channel.on('broadcast', { event: 'nudge' }, () => void refresh());
    channel.subscribe((status) => {
      if (status === 'SUBSCRIBED') void refresh(); // catch up on what moved while joining or reconnecting
    });
  }

  // One request at a time; a nudge during a request asks once more after it.
  function refresh(): Promise<void> {
    if (inFlight) {
      again = true;
      return inFlight;
    }
    inFlight = (async () => {
      do {
        again = false;
        const { data, error } = await supabase.rpc('pet_eta', { p_pet_id: petId });
        if (stopped) return;
        if (error) {
          handlers.failed();
          return;
        }
        const eta = data as unknown as PetEtaAnswer;
        handlers.update(eta);
        if (eta.route_id) listen(eta.route_id);
      } while (again && !stopped);
    })().finally(() => (inFlight = null));
    return inFlight;
  }

  void supabase.realtime
    .setAuth()
    .then(() => refresh())
    .catch(() => handlers.failed());
  const renew = setInterval(() => void supabase.realtime.setAuth().catch(() => undefined), 5 * 60_000);
  // Minutes count down even when nothing moves (the van waits at a stop): ask again every minute.
  const tick = setInterval(() => void refresh(), 60_000);

  return {
    stop() {
      stopped = true;
      clearInterval(renew);
      clearInterval(tick);
      if (channel) void supabase.removeChannel(channel);
      supabase.realtime.disconnect();
    },
  };
}
