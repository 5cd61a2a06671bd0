// What the parents' portal says about a pet's ride, from the pet_eta rpc's answer. No framework imports.
import type { MapData } from '../map/types.ts';
import { formatTime } from '../time/format.ts';

export type EtaStatus =
  'none' | 'scheduled' | 'on_the_way' | 'arrived' | 'aboard' | 'picked_up' | 'dropped_off' | 'unable';

export interface PetEtaAnswer {
  pet_id: string;
  status: EtaStatus;
  pet_name?: string;
  route_id?: string;
  kind?: 'pickup' | 'dropoff';
  window_start?: string;
  window_end?: string;
  planned_eta?: string | null;
  done_at?: string | null;
  reason?: string | null;
  eta?: string | null;
  minutes?: number | null;
  stops_before?: number | null;
  stop?: { lat: number; lng: number } | null;
  van?: { lat: number; lng: number; at: string } | null;
  updated_at?: string;
}

const clock = (iso: string | null | undefined, tz: string) => (iso ? formatTime(iso, tz) : '');

const minutes = (m: number | null | undefined) =>
  m === null || m === undefined ? '' : m <= 1 ? 'about a minute' : `about ${m} minutes`;

/** The headline a parent reads, or null when the pet has no ride today. */
export function etaHeadline(eta: PetEtaAnswer, tz: string): string | null {
  const pet = eta.pet_name ?? 'Your pet';
  switch (eta.status) {
    case 'none':
      return null;
    case 'scheduled':
      return `${eta.kind === 'dropoff' ? 'Drop-off' : 'Pickup'} planned around ${clock(eta.planned_eta ?? eta.window_start, tz)} (window ${clock(eta.window_start, tz)}–${clock(eta.window_end, tz)}).`;
    case 'on_the_way':
      return `The van is on its way — ${minutes(eta.minutes) || 'soon'}.`;
    case 'arrived':
      return 'The van is at your door.';
    case 'aboard':
      return `${pet} is on the van home — ${minutes(eta.minutes) || 'soon'}.`;
    case 'picked_up':
      return `${pet} was picked up${eta.done_at ? ` at ${clock(eta.done_at, tz)}` : ''}.`;
    case 'dropped_off':
      return `${pet} was dropped off${eta.done_at ? ` at ${clock(eta.done_at, tz)}` : ''}.`;
    case 'unable':
      return `The driver could not complete the ${eta.kind === 'dropoff' ? 'drop-off' : 'pickup'}${eta.reason ? `: ${eta.reason}` : '.'}`;
  }
}

/** A second line: how many stops come first, while the van is on its way. */
export function etaDetail(eta: PetEtaAnswer): string | null {
  if (eta.status !== 'on_the_way' && eta.status !== 'aboard') return null;
  const n = eta.stops_before ?? 0;
  return n === 0 ? 'Yours is the next stop.' : `${n} ${n === 1 ? 'stop' : 'stops'} before yours.`;
}

/** The small map: their own stop and the van (only present when the rpc allows it). */
export function etaMap(eta: PetEtaAnswer): MapData | null {
  if (!eta.van) return null;
  const points: MapData['points'] = [{ id: 'van', lat: eta.van.lat, lng: eta.van.lng, kind: 'van', title: 'The van' }];
  if (eta.stop)
    points.push({ id: 'home', lat: eta.stop.lat, lng: eta.stop.lng, kind: 'stop', label: '⌂', title: 'Your stop' });
  return { points, lines: [] };
}
