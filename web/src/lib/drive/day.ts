// The driver's day as the driver_day rpc returns it, and the rules the page shows it by: which step a stop may
// take next, what its buttons say, where "navigate" goes, what the map draws. No framework imports.
import type { MapData } from '../map/types.ts';

export type StopStatus = 'pending' | 'arrived' | 'done' | 'skipped';
export type RouteStatus = 'planned' | 'in_progress' | 'done';
export type StopAction = 'arrived' | 'done' | 'unable';

export interface DriveStop {
  id: string;
  seq: number;
  status: StopStatus;
  kind: 'pickup' | 'dropoff';
  planned_eta: string | null;
  window_start: string;
  window_end: string;
  arrived_at: string | null;
  done_at: string | null;
  skip_reason: string | null;
  address: string;
  notes: string | null;
  lat: number | null;
  lng: number | null;
  pet_name: string;
  species: string;
  handling_notes: string | null;
  parent_name: string;
  parent_phone: string | null;
}

export interface DriveRoute {
  id: string;
  business_id: string;
  business_name: string;
  timezone: string;
  service_date: string;
  status: RouteStatus;
  vehicle_name: string | null;
  seats: number;
  distance_m: number | null;
  duration_s: number | null;
  depot: { lat: number; lng: number; name: string } | null;
  stops: DriveStop[];
}

export interface DriveDay {
  is_driver: boolean;
  routes: DriveRoute[];
}

/** The steps a stop may take now (the rpc refuses the rest): none before the start or after the finish. */
export function allowedActions(route: Pick<DriveRoute, 'status'>, stop: Pick<DriveStop, 'status'>): StopAction[] {
  if (route.status !== 'in_progress') return [];
  if (stop.status === 'pending') return ['arrived', 'done', 'unable'];
  if (stop.status === 'arrived') return ['done', 'unable'];
  return [];
}

/** What the button for a step says: "done" is a pickup or a drop-off, by the trip's kind. */
export function actionLabel(action: StopAction, kind: DriveStop['kind']): string {
  if (action === 'arrived') return 'Arrived';
  if (action === 'unable') return 'Unable…';
  return kind === 'pickup' ? 'Picked up' : 'Dropped off';
}

/** The stop's state in words. */
export function stopStatusLabel(stop: Pick<DriveStop, 'status' | 'kind'>): string {
  switch (stop.status) {
    case 'pending':
      return 'To do';
    case 'arrived':
      return 'Arrived';
    case 'done':
      return stop.kind === 'pickup' ? 'Picked up' : 'Dropped off';
    case 'skipped':
      return 'Not served';
  }
}

export function routeStatusLabel(status: RouteStatus): string {
  return status === 'planned' ? 'Not started' : status === 'in_progress' ? 'In progress' : 'Finished';
}

/** A `geo:` link the phone's map app opens with directions (RFC 5870, with the address as the label). */
export function navigateUrl(stop: Pick<DriveStop, 'lat' | 'lng' | 'address'>): string {
  if (stop.lat === null || stop.lng === null) return `geo:0,0?q=${encodeURIComponent(stop.address)}`;
  return `geo:${stop.lat},${stop.lng}?q=${stop.lat},${stop.lng}(${encodeURIComponent(stop.address)})`;
}

/** A `tel:` link from a phone number as typed (spaces and dashes dropped), or null without one. */
export function telUrl(phone: string | null): string | null {
  const digits = phone?.replace(/[^\d+]/g, '') ?? '';
  return digits.length >= 3 ? `tel:${digits}` : null;
}

/** The first stop still to serve, which the page puts forward. */
export function nextStop(route: DriveRoute): DriveStop | null {
  return route.stops.find((s) => s.status === 'pending' || s.status === 'arrived') ?? null;
}

export function openStops(route: DriveRoute): number {
  return route.stops.filter((s) => s.status === 'pending' || s.status === 'arrived').length;
}

/** The route on the map: depot, numbered stops (served ones faded), the van where it is, the line in order. */
export function routeMap(route: DriveRoute, van: { lat: number; lng: number } | null): MapData {
  const placed = route.stops.filter((s) => s.lat !== null && s.lng !== null);
  const points: MapData['points'] = placed.map((s) => ({
    id: s.id,
    lat: s.lat as number,
    lng: s.lng as number,
    kind: 'stop',
    label: String(s.seq),
    title: `${s.seq}. ${s.pet_name}, ${s.address}`,
    done: s.status === 'done' || s.status === 'skipped',
    colour: '#9a4312',
  }));
  if (route.depot) {
    points.unshift({
      id: 'depot',
      lat: route.depot.lat,
      lng: route.depot.lng,
      kind: 'location',
      title: route.depot.name,
    });
  }
  if (van) points.push({ id: 'van', lat: van.lat, lng: van.lng, kind: 'van', title: 'You are here' });
  const line: Array<[number, number]> = [];
  if (route.depot) line.push([route.depot.lng, route.depot.lat]);
  for (const s of placed) line.push([s.lng as number, s.lat as number]);
  return { points, lines: line.length > 1 ? [{ id: route.id, colour: '#9a4312', coordinates: line }] : [] };
}
