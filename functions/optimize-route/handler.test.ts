import assert from 'node:assert/strict';
import { makeHandler, type Deps } from './handler.ts';
import { FakeStore } from './fake-store.ts';
import type { TransportRequestRow } from './store.ts';

const BUSINESS = '11111111-1111-4111-8111-111111111111';
const DATE = '2026-06-01'; // London is on summer time (UTC+1) that day.
const JWT = 'header.eyJzdWIiOiJ1c2VyIn0.sig';

/** EWKB hex of a point with SRID 4326, as PostgREST prints a geography column. */
function ewkb(lng: number, lat: number): string {
  const b = new DataView(new ArrayBuffer(25));
  b.setUint8(0, 1);
  b.setUint32(1, 0x20000001, true);
  b.setUint32(5, 4326, true);
  b.setFloat64(9, lng, true);
  b.setFloat64(17, lat, true);
  return Array.from(new Uint8Array(b.buffer), (x) => x.toString(16).padStart(2, '0')).join('');
}

/** Requests around a depot in London; windows in local time. */
function requests(): TransportRequestRow[] {
  const at = (hh: string) => `${DATE}T${hh}:00+01:00`;
  const spots: Array<[string, 'pickup' | 'dropoff', number, number, string, string]> = [
    ['a0000000-0000-4000-8000-000000000001', 'pickup', -0.12, 51.51, '07:30', '09:00'],
    ['a0000000-0000-4000-8000-000000000002', 'pickup', -0.14, 51.52, '07:30', '09:00'],
    ['a0000000-0000-4000-8000-000000000003', 'pickup', -0.1, 51.5, '08:00', '09:30'],
    ['a0000000-0000-4000-8000-000000000004', 'pickup', -0.16, 51.49, '07:00', '08:30'],
    ['a0000000-0000-4000-8000-000000000005', 'dropoff', -0.12, 51.51, '17:00', '18:30'],
    ['a0000000-0000-4000-8000-000000000006', 'dropoff', -0.1, 51.5, '17:00', '19:00'],
  ];
  return spots.map(([id, kind, lng, lat, from, to], i) => ({
    id,
    kind,
    status: 'requested',
    window_start: at(from),
    window_end: at(to),
    geo: i % 2 ? ewkb(lng, lat) : { type: 'Point', coordinates: [lng, lat] },
  }));
}

function setup(
  overrides: Partial<ConstructorParameters<typeof FakeStore>[0]> = {},
  env: Deps['env'] = {},
  doFetch?: typeof fetch,
) {
  const store = new FakeStore({
    business: { id: BUSINESS, timezone: 'Europe/London' },
    roles: ['staff'],
    depot: { id: 'd0000000-0000-4000-8000-000000000001', geo: ewkb(-0.13, 51.505) },
    requests: requests(),
    ...overrides,
  });
  const handler = makeHandler({
    env,
    storeFor: () => store,
    now: () => Date.parse('2026-05-31T20:00:00Z'),
    fetch: doFetch,
  });
  return { store, handler };
}

const body = (extra: Record<string, unknown> = {}) => ({
  business_id: BUSINESS,
  date: DATE,
  vehicles: [{ count: 2, capacity: 3, shift_start: '07:00', shift_end: '19:30' }],
  ...extra,
});

function post(payload: unknown, jwt: string | null = JWT): Request {
  return new Request('http://localhost/optimize-route', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(jwt ? { authorization: `Bearer ${jwt}` } : {}) },
    body: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });
}

Deno.test('plans pickups and drop-offs as separate trips with ETAs inside each window', async () => {
  const { store, handler } = setup();
  const res = await handler(post(body()));
  assert.equal(res.status, 200);
  const out = await res.json();
  const byId = new Map(requests().map((r) => [r.id, r]));
  const seen = out.routes.flatMap(
    (r: { trip: string; stops: Array<{ transport_request_id: string; planned_eta: string; seq: number }> }) =>
      r.stops.map((s, i) => {
        const req = byId.get(s.transport_request_id)!;
        assert.equal(req.kind, r.trip);
        assert.equal(s.seq, i + 1);
        const eta = Date.parse(s.planned_eta);
        assert.ok(
          eta >= Date.parse(req.window_start) && eta <= Date.parse(req.window_end),
          `${s.planned_eta} outside the window`,
        );
        return s.transport_request_id;
      }),
  );
  assert.deepEqual(seen.sort(), [...byId.keys()].sort());
  for (const r of out.routes) assert.ok(r.stops.length <= 3, 'a van carries at most its capacity');
  assert.equal(store.routes.length, out.routes.length);
  assert.ok(store.requestRows.every((r) => r.status === 'scheduled'));
  assert.equal(out.totals.stops, 6);
});

Deno.test('re-running the same request replaces the plan with the same plan', async () => {
  const { store, handler } = setup();
  const first = await (await handler(post(body()))).json();
  const second = await (await handler(post(body()))).json();
  const strip = (o: { routes: Array<Record<string, unknown>> }) => o.routes.map(({ id: _id, ...r }) => r);
  assert.deepEqual(strip(second), strip(first));
  assert.equal(store.routes.length, first.routes.length, 'old routes are replaced, not duplicated');
  assert.deepEqual(
    second.routes.map((r: { id: string }) => r.id),
    first.routes.map((r: { id: string }) => r.id),
    'route ids are kept',
  );
});

Deno.test('plans the rest and lists a request whose window closes before any van leaves', async () => {
  const rows = requests();
  rows[0].window_start = `${DATE}T05:00:00+01:00`;
  rows[0].window_end = `${DATE}T06:00:00+01:00`;
  const { store, handler } = setup({ requests: rows });
  const res = await handler(post(body()));
  assert.equal(res.status, 200);
  const out = await res.json();
  assert.deepEqual(out.unserved, [{ transport_request_id: rows[0].id, reason: 'time_window_unreachable' }]);
  assert.equal(out.totals.unserved, 1);
  assert.equal(out.totals.stops, 5);
  const routed = store.routes.flatMap((r) => r.stops.map((s) => s.transport_request_id));
  assert.deepEqual(
    routed.sort(),
    rows
      .slice(1)
      .map((r) => r.id)
      .sort(),
    'the unserved request gets no route stop',
  );
  assert.equal(store.requestRows.find((r) => r.id === rows[0].id)!.status, 'requested');
});

Deno.test('refuses with 422 when a pet needs more crates than any van has', async () => {
  const { store, handler } = setup();
  const res = await handler(post(body({ crates_per_pet: 4 })));
  assert.equal(res.status, 422);
  const out = await res.json();
  assert.equal(out.details.length, 6);
  assert.ok(out.details.every((d: { reason: string }) => d.reason === 'demand_exceeds_capacity'));
  assert.equal(store.writes, 0);
});

Deno.test('writes the plan serving the most requests when the fleet is too small, listing the rest', async () => {
  const { store, handler } = setup();
  await handler(post(body()));
  assert.ok(store.requestRows.every((r) => r.status === 'scheduled'));
  const res = await handler(
    post(body({ vehicles: [{ count: 1, capacity: 2, shift_start: '07:00', shift_end: '19:30' }] })),
  );
  assert.equal(res.status, 200);
  const out = await res.json();
  // One van with two seats: two pickups and two drop-offs fit, the other two of each do not.
  assert.equal(out.totals.stops, 4);
  assert.equal(out.unserved.length, 2);
  assert.ok(out.unserved.every((u: { reason: string }) => u.reason === 'no_vehicle_available'));
  const left = new Set(out.unserved.map((u: { transport_request_id: string }) => u.transport_request_id));
  for (const r of store.requestRows) assert.equal(r.status, left.has(r.id) ? 'requested' : 'scheduled', r.id);
});

Deno.test('plans with the pet-taxi preset or explicit costs, and refuses a negative cost with 400', async () => {
  for (const cost of ['pet_taxi', { per_van: 10, per_minute: 0.5, per_km: 0.2 }]) {
    const res = await setup().handler(post(body({ cost })));
    assert.equal(res.status, 200, JSON.stringify(cost));
    assert.equal((await res.json()).totals.stops, 6);
  }
  const bad = await setup().handler(post(body({ cost: { per_van: -1, per_minute: 0, per_km: 0 } })));
  assert.equal(bad.status, 400);
  assert.deepEqual(
    (await bad.json()).details.map((d: { path: string }) => d.path),
    ['cost.per_van'],
  );
});

Deno.test('answers 400 with the failing fields for invalid input', async () => {
  const { handler } = setup();
  const res = await handler(post(body({ date: '2026-13-01', vehicles: [], extra: 1 })));
  assert.equal(res.status, 400);
  const out = await res.json();
  assert.equal(out.error, 'invalid_input');
  const paths = out.details.map((d: { path: string }) => d.path);
  assert.ok(paths.includes('date') && paths.includes('vehicles'));
  assert.equal((await handler(post('{not json'))).status, 400);
});

Deno.test('answers 401 without a JWT, 403 to a driver, 404 for a business the caller cannot see', async () => {
  assert.equal((await setup().handler(post(body(), null))).status, 401);
  const driver = await setup({ roles: ['driver'] }).handler(post(body()));
  assert.equal(driver.status, 403);
  assert.equal((await driver.json()).error, 'forbidden');
  assert.equal((await setup({ business: null }).handler(post(body()))).status, 404);
});

Deno.test('re-planning keeps a route that has started, with its stops, and plans the rest', async () => {
  const { store, handler } = setup();
  await handler(post(body()));
  store.routes[0].status = 'in_progress';
  const kept = JSON.stringify(store.routes[0]);
  const held = new Set(store.routes[0].stops.map((s) => s.transport_request_id));
  const res = await handler(post(body()));
  assert.equal(res.status, 200);
  const out = await res.json();
  assert.deepEqual(out.kept, [store.routes.find((r) => r.status === 'in_progress')!.id]);
  assert.equal(
    JSON.stringify(store.routes.find((r) => r.status === 'in_progress')),
    kept,
    'the started route is untouched',
  );
  for (const r of out.routes) {
    for (const s of r.stops) assert.ok(!held.has(s.transport_request_id), 'no started stop is planned again');
  }
});

Deno.test('asks the configured routing engine for the travel table', async () => {
  const urls: string[] = [];
  const fakeFetch = ((url: string) => {
    urls.push(String(url));
    const n = String(url).split('/').pop()!.split('?')[0].split(';').length;
    const table = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 0 : 600)));
    return Promise.resolve(new Response(JSON.stringify({ code: 'Ok', durations: table, distances: table })));
  }) as typeof fetch;
  const { store, handler } = setup({}, { ROUTING_URL: 'http://osrm.test' }, fakeFetch);
  const res = await handler(post(body()));
  assert.equal(res.status, 200);
  assert.equal(urls.length, 2, 'one table per trip');
  assert.match(
    urls[0],
    /^http:\/\/osrm\.test\/table\/v1\/driving\/-0\.130000,51\.505000;.*\?annotations=duration,distance$/,
  );
  const out = await res.json();
  assert.ok(out.routes.every((r: { distance_m: number }) => r.distance_m % 600 === 0));
  // the engine's road times are what each stop keeps as its leg (the parent's ETA starts from them)
  const legs = store.routes.flatMap((r) => r.stops.map((s) => s.leg_seconds));
  assert.ok(legs.length > 0);
  assert.deepEqual(new Set(legs), new Set([600]));
});

Deno.test('re-planning with fewer vans removes the surplus routes and keeps the first ids', async () => {
  const { store, handler } = setup();
  const first = await (await handler(post(body()))).json();
  const res = await handler(
    post(body({ vehicles: [{ count: 1, capacity: 6, shift_start: '07:00', shift_end: '19:30' }] })),
  );
  assert.equal(res.status, 200);
  const second = await res.json();
  assert.ok(second.routes.length < first.routes.length, 'the smaller fleet needs fewer routes');
  const ids = second.routes.map((r: { id: string }) => r.id);
  assert.deepEqual(
    ids,
    first.routes.slice(0, ids.length).map((r: { id: string }) => r.id),
  );
  assert.deepEqual(
    store.routes.map((r) => r.id),
    ids,
    'the surplus routes are gone',
  );
  assert.ok(store.requestRows.every((r) => r.status === 'scheduled'));
});

Deno.test('answers 409 and writes nothing when a route starts between the check and the write', async () => {
  const { store, handler } = setup();
  await handler(post(body()));
  store.routes[0].status = 'in_progress';
  store.routesOn = () => Promise.resolve([]); // the early check read the day before the van left
  const before = JSON.stringify(store.routes);
  const writes = store.writes;
  const res = await handler(post(body()));
  assert.equal(res.status, 409);
  assert.equal((await res.json()).error, 'routes_in_progress');
  assert.equal(JSON.stringify(store.routes), before);
  assert.equal(store.writes, writes);
});

Deno.test(
  'without vehicles in the body, the vans in service come from the store and each route names its van',
  async () => {
    const vans = [
      { id: 'f0000000-0000-4000-8000-000000000001', name: 'Blue van', seats: 3 },
      { id: 'f0000000-0000-4000-8000-000000000002', name: 'Green van', seats: 2 },
    ];
    const { store, handler } = setup({ vehicles: vans });
    const { vehicles: _v, ...noVans } = body();
    const res = await handler(post(noVans));
    assert.equal(res.status, 200);
    const out = (await res.json()) as {
      routes: Array<{ vehicle_id?: string; vehicle_capacity: number; stops: unknown[] }>;
    };
    assert.ok(out.routes.length > 0);
    for (const r of out.routes) {
      const van = vans.find((v) => v.id === r.vehicle_id);
      assert.ok(van, 'every route is one of the business vans');
      assert.equal(r.vehicle_capacity, van.seats);
      assert.ok(r.stops.length <= van.seats);
    }
    assert.equal(store.routes.length, out.routes.length);
  },
);

Deno.test(
  'without vehicles in the body and no van in service, nothing is planned and the answer says why',
  async () => {
    const { store, handler } = setup({ vehicles: [] });
    const { vehicles: _v, ...noVans } = body();
    const res = await handler(post(noVans));
    assert.equal(res.status, 422);
    assert.equal(((await res.json()) as { error: string }).error, 'no_vehicles');
    assert.equal(store.writes, 0);
  },
);

Deno.test('vans with depots far apart each start from their own and serve the houses near it', async () => {
  // Two yards 22 km apart (central London and Barnet), three pickups around each; three seats a van.
  const south = { lng: -0.13, lat: 51.505 };
  const north = { lng: -0.2, lat: 51.65 };
  const vans = [
    { id: 'f0000000-0000-4000-8000-000000000001', name: 'North van', seats: 3, depot_geo: ewkb(north.lng, north.lat) },
    { id: 'f0000000-0000-4000-8000-000000000002', name: 'South van', seats: 3, depot_geo: ewkb(south.lng, south.lat) },
  ];
  const near = (c: { lng: number; lat: number }, k: number, n: number): TransportRequestRow => ({
    id: `a0000000-0000-4000-8000-00000000010${n}`,
    kind: 'pickup',
    status: 'requested',
    window_start: `${DATE}T07:00:00+01:00`,
    window_end: `${DATE}T10:00:00+01:00`,
    geo: ewkb(c.lng + 0.01 * (k - 1), c.lat + 0.005 * ((k % 2) - 0.5)),
  });
  const rows = [0, 1, 2].map((k) => near(north, k, k)).concat([0, 1, 2].map((k) => near(south, k, k + 3)));
  const { handler } = setup({ vehicles: vans, requests: rows });
  const { vehicles: _v, ...noVans } = body();
  const res = await handler(post(noVans));
  assert.equal(res.status, 200);
  const out = (await res.json()) as {
    routes: Array<{ vehicle_id: string; distance_m: number; stops: Array<{ transport_request_id: string }> }>;
    unserved: unknown[];
  };
  assert.deepEqual(out.unserved, []);
  const byVan = Object.fromEntries(
    out.routes.map((r) => [
      r.vehicle_id,
      r.stops
        .map((s) => s.transport_request_id.slice(-1))
        .sort()
        .join(''),
    ]),
  );
  assert.deepEqual(byVan, { [vans[0].id]: '012', [vans[1].id]: '345' });
  // A loop round its own yard: a van driving from the other yard would cover over 40 km of road.
  for (const r of out.routes) assert.ok(r.distance_m < 8000, `route of ${r.vehicle_id} drives ${r.distance_m} m`);
});

Deno.test('vans sharing one depot plan from it exactly as before (the one-depot solve)', async () => {
  const yard = ewkb(-0.1, 51.52);
  const vans = [
    { id: 'f0000000-0000-4000-8000-000000000001', name: 'Blue van', seats: 3, depot_geo: yard },
    { id: 'f0000000-0000-4000-8000-000000000002', name: 'Green van', seats: 3, depot_geo: yard },
  ];
  const { vehicles: _v, ...noVans } = body();
  const a = await (await setup({ vehicles: vans }).handler(post(noVans))).json();
  // The same vans without depots of their own and the business's depot moved to that yard.
  const b = await (
    await setup({
      vehicles: vans.map(({ depot_geo: _d, ...v }) => v),
      depot: { id: 'd0000000-0000-4000-8000-000000000001', geo: yard },
    }).handler(post(noVans))
  ).json();
  assert.deepEqual(a.routes, b.routes);
  assert.equal(a.totals.distance_m, b.totals.distance_m);
});

Deno.test("plans with the business's travel model from its settings, the keys the ETA's SQL reads", async () => {
  const plan = async (settings: unknown) => {
    const { handler } = setup({ business: { id: BUSINESS, timezone: 'Europe/London', settings } });
    const out = (await (await handler(post(body({ seed: 1 })))).json()) as {
      totals: { distance_m: number; duration_s: number };
    };
    return out.totals;
  };
  const base = await plan({});
  const tuned = await plan({ taxi_road_factor: 1.6, taxi_speed_kmh: 20 });
  assert.ok(tuned.distance_m > base.distance_m * 1.15, 'a larger road factor stretches the distances');
  assert.ok(tuned.duration_s > base.duration_s, 'a slower average speed takes longer');
  // Values out of range or not numbers count as unset, as in private.taxi_travel_model.
  assert.deepEqual(await plan({ taxi_road_factor: '1.6', taxi_speed_kmh: 500 }), base);
});
