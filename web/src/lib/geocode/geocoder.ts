// Addresses to coordinates behind one small interface, so the provider is a setting: a Nominatim-compatible
// search API (OpenStreetMap's, a self-hosted one, or a commercial host of the same API) when GEOCODER_URL is set,
// and none otherwise. No framework imports: the server module picks the provider, tests give a fetch.
import type { LatLng } from '../map/geo.ts';

export interface GeocodeHit extends LatLng {
  /** The provider's name for what it found, shown beside the pin so staff can judge the match. */
  label: string;
}

export type GeocodeOutcome =
  { ok: true; hit: GeocodeHit } | { ok: false; reason: 'not_configured' | 'not_found' | 'unavailable' };

export interface Geocoder {
  geocode(address: string): Promise<GeocodeOutcome>;
}

/** Without a provider every address needs a pin; saving never waits on this. */
export const noGeocoder: Geocoder = {
  geocode: () => Promise.resolve({ ok: false, reason: 'not_configured' }),
};

interface NominatimPlace {
  lat?: unknown;
  lon?: unknown;
  display_name?: unknown;
}

/**
 * A Nominatim `/search` client (format=jsonv2, the first hit). `baseUrl` is the API root
 * (e.g. https://nominatim.example.org); `countryCodes` narrows the search (ISO 3166-1 alpha-2, comma-separated).
 * Any failure — a timeout, a 5xx, a body that is not the documented array — is `unavailable`, never thrown.
 */
export function nominatimGeocoder(options: {
  baseUrl: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  countryCodes?: string;
  userAgent?: string;
}): Geocoder {
  const doFetch = options.fetch ?? fetch;
  return {
    async geocode(address) {
      const q = address.trim();
      if (!q) return { ok: false, reason: 'not_found' };
      const url = new URL('search', options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
      url.searchParams.set('format', 'jsonv2');
      url.searchParams.set('q', q);
      url.searchParams.set('limit', '1');
      if (options.countryCodes) url.searchParams.set('countrycodes', options.countryCodes);
      try {
        const res = await doFetch(url, {
          // Nominatim's usage policy asks every client to name itself.
          headers: { accept: 'application/json', 'user-agent': options.userAgent ?? 'PawCentral dispatch' },
          signal: AbortSignal.timeout(options.timeoutMs ?? 3000),
        });
        if (!res.ok) return { ok: false, reason: 'unavailable' };
        const body: unknown = await res.json();
        if (!Array.isArray(body)) return { ok: false, reason: 'unavailable' };
        const first = body[0] as NominatimPlace | undefined;
        if (!first) return { ok: false, reason: 'not_found' };
        const lat = Number(first.lat);
        const lng = Number(first.lon);
        if (!Number.isFinite(lat) || !Number.isFinite(lng) || Math.abs(lat) > 90 || Math.abs(lng) > 180)
          return { ok: false, reason: 'unavailable' };
        return { ok: true, hit: { lat, lng, label: typeof first.display_name === 'string' ? first.display_name : q } };
      } catch {
        return { ok: false, reason: 'unavailable' };
      }
    },
  };
}
