// The parents' ETA (private.taxi_travel_seconds in SQL, supabase/schemas/0940_drive.sql) and the optimiser's
// default distance provider (functions/_shared/routing/distance/haversine.ts) are one travel model written
// twice: this holds them to the same figures on pairs of points around the demo's towns and far apart.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haversineProvider } from '../../functions/_shared/routing/distance/haversine.ts';
import { stack } from '../support/stack.ts';

let db: pg.Client;
beforeAll(async () => {
  db = new pg.Client({ connectionString: stack.dbUrl });
  await db.connect();
});
afterAll(async () => db.end());

const pairs: Array<[[number, number], [number, number]]> = [
  [
    [51.5362, -0.1031],
    [51.544, -0.0977],
  ],
  [
    [51.552, -0.099],
    [51.539, -0.056],
  ],
  [
    [40.7178, -73.9573],
    [40.758, -73.9855],
  ],
  [
    [51.5, -0.12],
    [48.8566, 2.3522],
  ],
  [
    [-33.86, 151.21],
    [-33.87, 151.2],
  ],
];

describe('the travel model', () => {
  it('gives the same driving seconds in SQL as the optimiser', async () => {
    const points = pairs.flat().map(([lat, lng]) => ({ lat, lng }));
    const matrix = await haversineProvider().matrix(points);
    for (const [i, [a, b]] of pairs.entries()) {
      const { rows } = await db.query<{ s: number }>(
        `select private.taxi_travel_seconds(extensions.st_setsrid(extensions.st_makepoint($2, $1), 4326)::extensions.geography,
                                            extensions.st_setsrid(extensions.st_makepoint($4, $3), 4326)::extensions.geography) as s`,
        [a[0], a[1], b[0], b[1]],
      );
      const ts = matrix.duration[2 * i * matrix.n + 2 * i + 1];
      expect(ts).toBeGreaterThan(0);
      expect(Math.abs(rows[0].s - ts)).toBeLessThan(1e-6 * ts);
    }
  });

  it("spends the optimiser's default service time at a stop", async () => {
    const { rows } = await db.query<{ s: number }>('select private.taxi_service_seconds() as s');
    const { readFileSync } = await import('node:fs');
    const input = readFileSync(new URL('../../functions/optimize-route/input.ts', import.meta.url), 'utf8');
    const minutes = Number(/service_minutes: z\.number\(\)[^\n]*\.default\((\d+)\)/.exec(input)?.[1]);
    expect(rows[0].s).toBe(minutes * 60);
  });
});
