import { describe, expect, it } from 'vitest';
import { answer, startNominatimFake } from '../../../../tests/support/nominatim-fake.ts';
import { noGeocoder, nominatimGeocoder } from './geocoder.ts';

/** fetch answered in-process by the fake's own handler (same shapes as over HTTP). */
const fakeFetch: typeof fetch = (input) => {
  const { status, body } = answer(new URL(String(input)));
  return Promise.resolve(new Response(JSON.stringify(body), { status }));
};

describe('nominatimGeocoder', () => {
  it('places a known street from the first jsonv2 hit', async () => {
    const g = nominatimGeocoder({ baseUrl: 'http://geo.test', fetch: fakeFetch });
    const out = await g.geocode('30 Camden Road, London NW1 9DP');
    expect(out).toEqual({ ok: true, hit: { lat: 51.541, lng: -0.138, label: expect.stringContaining('Camden Road') } });
  });

  it('says not_found for an address the provider does not know', async () => {
    const g = nominatimGeocoder({ baseUrl: 'http://geo.test', fetch: fakeFetch });
    expect(await g.geocode('1 Nowhere Lane')).toEqual({ ok: false, reason: 'not_found' });
  });

  it('never throws: a 5xx, a non-array body or a dead server is unavailable', async () => {
    const broken =
      (status: number, body: unknown): typeof fetch =>
      () =>
        Promise.resolve(new Response(JSON.stringify(body), { status }));
    expect(
      await nominatimGeocoder({ baseUrl: 'http://geo.test', fetch: broken(503, {}) }).geocode('Upper Street'),
    ).toEqual({ ok: false, reason: 'unavailable' });
    expect(
      await nominatimGeocoder({ baseUrl: 'http://geo.test', fetch: broken(200, { lat: 1 }) }).geocode('x'),
    ).toEqual({
      ok: false,
      reason: 'unavailable',
    });
    const refused: typeof fetch = () => Promise.reject(new TypeError('fetch failed'));
    expect(await nominatimGeocoder({ baseUrl: 'http://geo.test', fetch: refused }).geocode('Upper Street')).toEqual({
      ok: false,
      reason: 'unavailable',
    });
    expect(await noGeocoder.geocode('Upper Street')).toEqual({ ok: false, reason: 'not_configured' });
  });

  it('speaks HTTP to the fake server with format=jsonv2 and the query', async () => {
    const fake = await startNominatimFake();
    try {
      const out = await nominatimGeocoder({ baseUrl: fake.base }).geocode('200 York Way, London');
      expect(out.ok && out.hit.lat).toBe(51.545);
      expect(fake.queries).toEqual(['200 York Way, London']);
      const bad = await fetch(`${fake.base}/search?format=xml&q=York+Way`);
      expect(bad.status).toBe(400);
    } finally {
      await fake.close();
    }
  });
});
