import { haversineProvider, type HaversineOptions } from './haversine.ts';
import { osrmProvider } from './osrm.ts';
import type { DistanceProvider } from './types.ts';

export type { DistanceProvider, LatLng } from './types.ts';

/** The configured provider: the routing engine when a URL is set, great-circle otherwise. */
export function distanceProvider(
  env: { ROUTING_URL?: string } & HaversineOptions,
  doFetch?: typeof fetch,
): DistanceProvider {
  return env.ROUTING_URL ? osrmProvider({ url: env.ROUTING_URL, fetch: doFetch }) : haversineProvider(env);
}
