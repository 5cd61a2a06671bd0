import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { osrmProvider } from './osrm.ts';

// A tiny stand-in for OSRM's table service: it answers in OSRM's response format, with durations
// and distances derived from the coordinates so the test can tell rows and columns apart.
let server: Server;
let base = '';
const seen: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(req.url ?? '');
    const m = /^\/table\/v1\/driving\/([^?]+)\?annotations=duration,distance$/.exec(req.url ?? '');
    res.setHeader('content-type', 'application/json');
    if (!m) {
      res.statusCode = 400;
      res.end(JSON.stringify({ code: 'InvalidUrl', message: 'URL string malformed close to position 1' }));
      return;
    }
    const pts = m[1].split(';').map((p) => p.split(',').map(Number));
    if (pts.some(([lng]) => lng > 100)) {
      // OSRM marks unroutable pairs with null.
      res.end(
        JSON.stringify({
          code: 'Ok',
          durations: pts.map(() => pts.map(() => null)),
          distances: pts.map(() => pts.map(() => null)),
        }),
      );
      return;
    }
    const durations = pts.map((a, i) => pts.map((b, j) => (i === j ? 0 : 100 * i + j)));
    const distances = pts.map((a, i) => pts.map((b, j) => (i === j ? 0 : 1000 * i + j)));
    res.end(JSON.stringify({ code: 'Ok', durations, distances, sources: [], destinations: [] }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('OSRM table provider', () => {
  it('asks for durations and distances with lng,lat pairs and fills the matrix row by row', async () => {
    const m = await osrmProvider({ url: base }).matrix([
      { lat: 1, lng: 2 },
      { lat: 3, lng: 4 },
      { lat: 5, lng: 6 },
    ]);
    expect(seen.at(-1)).toBe(
      '/table/v1/driving/2.000000,1.000000;4.000000,3.000000;6.000000,5.000000?annotations=duration,distance',
    );
    expect(m.n).toBe(3);
    expect(Array.from(m.duration)).toEqual([0, 1, 2, 100, 0, 102, 200, 201, 0]);
    expect(Array.from(m.distance)).toEqual([0, 1, 2, 1000, 0, 1002, 2000, 2001, 0]);
  });

  it('fails loudly on pairs the engine cannot route', async () => {
    await expect(
      osrmProvider({ url: base }).matrix([
        { lat: 1, lng: 150 },
        { lat: 3, lng: 4 },
      ]),
    ).rejects.toMatchObject({ code: 'NoRoute' });
  });

  it('passes on the engine error code and message', async () => {
    await expect(osrmProvider({ url: base, profile: 'bike/x' }).matrix([{ lat: 1, lng: 2 }])).rejects.toMatchObject({
      code: 'InvalidUrl',
      message: 'URL string malformed close to position 1',
    });
  });
});
