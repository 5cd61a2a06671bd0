import type { LatLng } from '../_shared/routing/index.ts';

/**
 * Reads a PostGIS point as REST returns it: EWKB hex (PostgREST's default text form of geography),
 * GeoJSON (when asked for), or WKT. Anything else is null, so the caller can name the bad row.
 */
export function parsePoint(value: unknown): LatLng | null {
  if (value && typeof value === 'object') {
    const g = value as { type?: unknown; coordinates?: unknown };
    if (g.type === 'Point' && Array.isArray(g.coordinates) && g.coordinates.length >= 2) {
      return valid(Number(g.coordinates[1]), Number(g.coordinates[0]));
    }
    return null;
  }
  if (typeof value !== 'string') return null;
  const wkt = /^(?:SRID=\d+;)?POINT\s*\(\s*(-?[\d.eE+-]+)\s+(-?[\d.eE+-]+)\s*\)$/i.exec(value.trim());
  if (wkt) return valid(Number(wkt[2]), Number(wkt[1]));
  if (/^[0-9a-fA-F]+$/.test(value) && value.length >= 42) return fromEwkb(value);
  return null;
}

function fromEwkb(hex: string): LatLng | null {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  const view = new DataView(bytes.buffer);
  const little = bytes[0] === 1;
  const type = view.getUint32(1, little);
  // The high bits flag an SRID (0x20000000), Z or M; the low bits must say "point" (1).
  if ((type & 0xff) !== 1 || (type & 0xc0000000) !== 0) return null;
  let at = 5;
  if (type & 0x20000000) at += 4;
  if (bytes.length < at + 16) return null;
  return valid(view.getFloat64(at + 8, little), view.getFloat64(at, little));
}

function valid(lat: number, lng: number): LatLng | null {
  return Math.abs(lat) <= 90 && Math.abs(lng) <= 180 ? { lat, lng } : null;
}
