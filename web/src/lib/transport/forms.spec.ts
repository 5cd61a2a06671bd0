import { describe, expect, it } from 'vitest';
import { parseForm } from '../forms.ts';
import { km, minutes, planFailureSentence, unservedReason } from './dispatch.ts';
import { vehicleForm } from './forms.ts';
import { parsePoint, toEwkt } from '../map/geo.ts';
import { mapOrigins } from '../server/security-headers.ts';
import { tileTemplate } from '../../env.ts';

const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
};

describe('vehicleForm', () => {
  it('accepts a van and reads the checkbox and an empty driver', () => {
    const r = parseForm(
      vehicleForm,
      form({ name: ' Blue van ', seats: '6', depot_lat: '51.5362', depot_lng: '-0.1031', active: 'on' }),
    );
    expect(r).toEqual({
      ok: true,
      data: {
        id: null,
        name: 'Blue van',
        seats: 6,
        depot_lat: 51.5362,
        depot_lng: -0.1031,
        active: true,
        default_driver_id: null,
      },
    });
  });

  it('refuses seats out of range and coordinates off the globe, one message per field', () => {
    const r = parseForm(vehicleForm, form({ name: 'Van', seats: '0', depot_lat: '91', depot_lng: 'east' }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.seats).toMatch(/from 1 to 60/);
    expect(r.errors.depot_lat).toMatch(/between −90 and 90/);
    expect(r.errors.depot_lng).toMatch(/decimal number/);
    expect(r.errors.active).toBeUndefined();
  });
});

describe('points', () => {
  it('round-trips EWKT and reads GeoJSON; refuses what is not a point', () => {
    expect(parsePoint(toEwkt({ lat: 51.5, lng: -0.1 }))).toEqual({ lat: 51.5, lng: -0.1 });
    expect(parsePoint({ type: 'Point', coordinates: [-0.1, 51.5] })).toEqual({ lat: 51.5, lng: -0.1 });
    expect(parsePoint('POINT(200 10)')).toBeNull();
    expect(parsePoint(42)).toBeNull();
  });
});

describe('dispatch words', () => {
  it('has a sentence for each plan failure and a fallback that keeps the plan', () => {
    expect(planFailureSentence('no_vehicles')).toMatch(/Settings → Vehicles/);
    expect(planFailureSentence('whatever')).toMatch(/previous plan is kept/);
    expect(unservedReason('time_window_unreachable')).toMatch(/time window/);
    expect(unservedReason(undefined)).toBe('not planned yet');
    expect(km(12_345)).toBe('12.3 km');
    expect(minutes(3_900)).toBe('1 h 05 min');
  });

  it('allows only an http(s) map style origin', () => {
    expect(mapOrigins('https://tiles.example.com/styles/v1/style.json')).toEqual(['https://tiles.example.com']);
    expect(mapOrigins('javascript:alert(1)')).toEqual([]);
    expect(mapOrigins(undefined)).toEqual([]);
  });

  it("allows the driver map's raster tile origin, a {s} subdomain as a wildcard", () => {
    expect(mapOrigins(undefined, 'https://tile.openstreetmap.org/{z}/{x}/{y}.png')).toEqual([
      'https://tile.openstreetmap.org',
    ]);
    expect(mapOrigins(undefined, 'https://{s}.tiles.example.com/{z}/{x}/{y}{r}.png')).toEqual([
      'https://*.tiles.example.com',
    ]);
    expect(
      mapOrigins('https://maps.example.com/style.json', 'https://maps.example.com/raster/{z}/{x}/{y}.png'),
    ).toEqual(['https://maps.example.com']);
    expect(mapOrigins(undefined, 'data:text/html,{z}{x}{y}')).toEqual([]);
  });

  it('keeps a tile template as typed and refuses one that cannot be a tile URL', () => {
    const osm = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
    expect(tileTemplate(osm)).toBe(osm);
    expect(tileTemplate(undefined)).toBeUndefined();
    expect(() => tileTemplate('https://tile.example.com/{z}/{x}.png')).toThrow(/\{y\}/);
    expect(() => tileTemplate('ftp://tile.example.com/{z}/{x}/{y}.png')).toThrow(/http/);
    expect(() => tileTemplate('not a url {z}{x}{y}')).toThrow();
  });
});
