import { describe, expect, it } from 'vitest';
import { haversineMetres, haversineProvider } from './haversine.ts';

const paris = { lat: 48.8566, lng: 2.3522 };
const london = { lat: 51.5074, lng: -0.1278 };

describe('great-circle provider', () => {
  it('measures Paris to London as about 343.5 km', () => {
    expect(haversineMetres(paris, london) / 1000).toBeCloseTo(343.5, 0);
  });

  it('stretches by the road factor and drives at the average speed', async () => {
    const m = await haversineProvider({ roadFactor: 1.5, speedKmh: 36 }).matrix([paris, london]);
    const straight = haversineMetres(paris, london);
    expect(m.n).toBe(2);
    expect(m.distance[1]).toBeCloseTo(straight * 1.5, 6);
    expect(m.distance[2]).toBeCloseTo(straight * 1.5, 6);
    expect(m.duration[1]).toBeCloseTo((straight * 1.5) / 10, 6);
    expect(m.distance[0]).toBe(0);
  });

  it('refuses coordinates off the globe', async () => {
    await expect(haversineProvider().matrix([{ lat: 91, lng: 0 }])).rejects.toThrow(/invalid coordinate/);
  });
});
