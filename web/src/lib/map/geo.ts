// Points as PostgREST hands PostGIS geography back (EWKB hex by default, GeoJSON or WKT when asked), and
// the EWKT the database accepts on writes. No framework imports: shared by server, pages and tests.

export interface LatLng {
  lat: number;
  lng: number;
}

/** Reads a PostGIS point (EWKB hex, GeoJSON or WKT); anything else is null. */
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
  if ((type & 0xff) !== 1 || (type & 0xc0000000) !== 0) return null;
  let at = 5;
  if (type & 0x20000000) at += 4;
  if (bytes.length < at + 16) return null;
  return valid(view.getFloat64(at + 8, little), view.getFloat64(at, little));
}

function valid(lat: number, lng: number): LatLng | null {
  return Number.isFinite(lat) && Number.isFinite(lng) && Math.abs(lat) <= 90 && Math.abs(lng) <= 180
    ? { lat, lng }
    : null;
}

/** The EWKT of a point, for inserts and updates of geography columns. */
export function toEwkt({ lat, lng }: LatLng): string {
  return `SRID=4326;POINT(${lng} ${lat})`;
}

/** Straight-line distance in metres (haversine). */
export function haversineM(a: LatLng, b: LatLng): number {
  const r = 6_371_000;
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * r * Math.asin(Math.min(1, Math.sqrt(h)));
}
