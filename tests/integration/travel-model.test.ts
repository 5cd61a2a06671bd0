// The parents' ETA (private.taxi_travel_seconds in SQL, supabase/schemas/0940_drive.sql) and the optimiser's
// default distance provider (functions/_shared/routing/distance/haversine.ts) are one travel model written
// twice: this holds them to the same figures on pairs of points around the demo's towns and far apart, with the
// default model and with a business that tunes it in its settings (private.taxi_travel_model in SQL,
// functions/optimize-route/travel.ts in the optimiser: the same keys, the same rules).
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haversineProvider } from '../../functions/_shared/routing/distance/haversine.ts';
import { travelModel } from '../../functions/optimize-route/travel.ts';
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
                                            extensions.st_setsrid(extensions.st_makepoint($4, $3), 4326)::extensions.geography,
                                            1.3, 30) as s`,
        [a[0], a[1], b[0], b[1]],
      );
      const ts = matrix.duration[2 * i * matrix.n + 2 * i + 1];
      expect(ts).toBeGreaterThan(0);
      expect(Math.abs(rows[0].s - ts)).toBeLessThan(1e-6 * ts);
    }
  });

  // Each setting as the optimiser reads it and as SQL reads it, on a business of the demo (rolled back).
  const settings: Array<Record<string, unknown>> = [
    {},
    { taxi_road_factor: 1.55, taxi_speed_kmh: 42 },
    { taxi_speed_kmh: 18.5 },
    { taxi_road_factor: 2 },
    // not numbers or out of range: both count them as unset
    { taxi_road_factor: '1.6', taxi_speed_kmh: 500 },
    { taxi_road_factor: 0.5, taxi_speed_kmh: true },
  ];
  it.each(settings)('gives the same figures in SQL as the optimiser for a business with settings %j', async (set) => {
    const model = travelModel(set);
    const points = pairs.flat().map(([lat, lng]) => ({ lat, lng }));
    const matrix = await haversineProvider(model).matrix(points);
    await db.query('begin');
    try {
      const { rows: biz } = await db.query<{ id: string }>(
        `update public.businesses set settings = settings || $1::jsonb
         where id = (select id from public.businesses order by created_at, id limit 1) returning id`,
        [JSON.stringify(set)],
      );
      const { rows: sql } = await db.query<{ road_factor: number; speed_kmh: number }>(
        'select road_factor, speed_kmh from private.taxi_travel_model($1)',
        [biz[0].id],
      );
      expect({ roadFactor: sql[0].road_factor, speedKmh: sql[0].speed_kmh }).toEqual(model);
      for (const [i, [a, b]] of pairs.entries()) {
        const { rows } = await db.query<{ s: number }>(
          `select private.taxi_travel_seconds(extensions.st_setsrid(extensions.st_makepoint($2, $1), 4326)::extensions.geography,
                                              extensions.st_setsrid(extensions.st_makepoint($4, $3), 4326)::extensions.geography,
                                              m.road_factor, m.speed_kmh) as s
           from private.taxi_travel_model($5) m`,
          [a[0], a[1], b[0], b[1], biz[0].id],
        );
        const ts = matrix.duration[2 * i * matrix.n + 2 * i + 1];
        expect(Math.abs(rows[0].s - ts)).toBeLessThan(1e-6 * ts);
      }
    } finally {
      await db.query('rollback');
    }
  });

  it('has the tuned model change the figures (the case above is not the default twice)', async () => {
    const [a, b] = pairs[0].map(([lat, lng]) => ({ lat, lng }));
    const base = (await haversineProvider(travelModel({})).matrix([a, b])).duration[1];
    const tuned = (await haversineProvider(travelModel(settings[1])).matrix([a, b])).duration[1];
    expect(tuned / base).toBeCloseTo((1.55 / 1.3) * (30 / 42), 9);
  });

  it("spends the optimiser's default service time at a stop", async () => {
    const { rows } = await db.query<{ s: number }>('select private.taxi_service_seconds() as s');
    const { readFileSync } = await import('node:fs');
    const input = readFileSync(new URL('../../functions/optimize-route/input.ts', import.meta.url), 'utf8');
    const minutes = Number(/service_minutes: z\.number\(\)[^\n]*\.default\((\d+)\)/.exec(input)?.[1]);
    expect(rows[0].s).toBe(minutes * 60);
  });
});
