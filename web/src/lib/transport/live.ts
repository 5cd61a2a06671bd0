// What dispatch learns live from a route's channel (route:<id>): the route's status (started, finished) from the
// routes trigger, a stop's progress from the route_stops trigger, and the van's position from driver_positions rows or from the driver's own broadcasts (any payload
// carrying lat/lng). Pure: the page keeps the result in its state.
import { parsePoint, type LatLng } from '../map/geo.ts';

export interface LiveState {
  /** Route id → status, newer than the page's load. */
  routes: Record<string, string>;
  /** Stop id → status, newer than the page's load. */
  stops: Record<string, string>;
  /** Route id → the van's last known position and when. */
  vans: Record<string, LatLng & { at: string }>;
}

export function applyRouteMessage(state: LiveState, routeId: string, payload: unknown): LiveState {
  if (!payload || typeof payload !== 'object') return state;
  const p = payload as Record<string, unknown>;
  const record = (p.record && typeof p.record === 'object' ? p.record : null) as Record<string, unknown> | null;
  if (p.table === 'routes' && record && typeof record.id === 'string' && typeof record.status === 'string') {
    return { ...state, routes: { ...state.routes, [record.id]: record.status } };
  }
  if (p.table === 'route_stops' && record && typeof record.id === 'string' && typeof record.status === 'string') {
    return { ...state, stops: { ...state.stops, [record.id]: record.status } };
  }
  const fromRow = p.table === 'driver_positions' && record ? parsePoint(record.geo) : null;
  const direct =
    typeof p.lat === 'number' && typeof p.lng === 'number'
      ? parsePoint({ type: 'Point', coordinates: [p.lng, p.lat] })
      : null;
  const at = fromRow ?? direct;
  if (!at) return state;
  const when = String((record?.recorded_at as string | undefined) ?? p.at ?? p.recorded_at ?? new Date().toISOString());
  const previous = state.vans[routeId];
  // positions can arrive out of order (a replayed queue): keep the newest
  if (previous && Date.parse(previous.at) > Date.parse(when)) return state;
  return { ...state, vans: { ...state.vans, [routeId]: { ...at, at: when } } };
}
