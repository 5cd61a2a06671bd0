// The app's geocoder: Nominatim-compatible at GEOCODER_URL when set (GEOCODER_COUNTRIES narrows it), else none.
import { GEOCODER_COUNTRIES, GEOCODER_URL } from '$app/env/private';
import { noGeocoder, nominatimGeocoder, type Geocoder } from '#lib/geocode/geocoder.ts';

export function geocoder(): Geocoder {
  return GEOCODER_URL
    ? nominatimGeocoder({ baseUrl: GEOCODER_URL, countryCodes: GEOCODER_COUNTRIES || undefined })
    : noGeocoder;
}
