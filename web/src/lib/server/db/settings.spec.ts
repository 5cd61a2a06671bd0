import { describe, expect, it } from 'vitest';
import { coordinates } from './settings.ts';

describe('coordinates', () => {
  it('reads a hex EWKB point with its SRID', () => {
    // SRID=4326;POINT(-0.1031 51.5362), as PostgREST returns the demo location's geo
    const point = coordinates('0101000020E6100000A2B437F8C264BABFBF0E9C33A2C44940');
    expect(point.longitude).toBeCloseTo(-0.1031, 6);
    expect(point.latitude).toBeCloseTo(51.5362, 6);
  });

  it('reads GeoJSON', () => {
    expect(coordinates({ type: 'Point', coordinates: [2.35, 48.85] })).toEqual({ latitude: 48.85, longitude: 2.35 });
  });

  it('gives nulls for no point', () => {
    expect(coordinates(null)).toEqual({ latitude: null, longitude: null });
    expect(coordinates('not hex')).toEqual({ latitude: null, longitude: null });
  });
});
