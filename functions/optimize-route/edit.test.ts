import assert from 'node:assert/strict';
import { makeHandler } from './handler.ts';
import { FakeStore } from './fake-store.ts';
import type { TransportRequestRow } from './store.ts';

const BUSINESS = '11111111-1111-4111-8111-111111111111';
const DATE = '2026-06-01';
const JWT = 'header.eyJzdWIiOiJ1c2VyIn0.sig';
const at = (hh: string) => `${DATE}T${hh}:00+01:00`;
const id = (n: number) => `a0000000-0000-4000-8000-00000000000${n}`;

function requests(): TransportRequestRow[] {
  const spots: Array<[number, number, number, string, string]> = [
    [1, -0.12, 51.51, '07:30', '09:00'],
    [2, -0.14, 51.52, '07:30', '09:00'],
    [3, -0.1, 51.5, '07:30', '07:45'],
  ];
  return spots.map(([n, lng, lat, from, to]) => ({
    id: id(n),
    kind: 'pickup',
    status: 'scheduled',
    window_start: at(from),
    window_end: at(to),
    geo: { type: 'Point', coordinates: [lng, lat] },
  }));
}

function setup(roles = ['staff']) {
  const store = new FakeStore({
    business: { id: BUSINESS, timezone: 'Europe/London' },
    roles,
    depot: { id: 'd0000000-0000-4000-8000-000000000001', geo: { type: 'Point', coordinates: [-0.13, 51.505] } },
    requests: requests(),
    vehicles: [{ id: 'v0000000-0000-4000-8000-000000000001', name: 'Van', seats: 2 }],
  });
  const route = (rid: string, stops: number[]) => ({
    id: rid,
    status: 'planned' as const,
    service_date: DATE,
    depot_location_id: 'd',
    vehicle_capacity: 2,
    distance_m: 1,
    duration_s: 1,
    optimised_at: at('06:00'),
    stops: stops.map((n, i) => ({
      transport_request_id: id(n),
      seq: i + 1,
      planned_eta: at('07:30'),
      leg_seconds: 600,
    })),
  });
  store.routes = [
    route('b0000000-0000-4000-8000-000000000001', [1, 2]),
    route('b0000000-0000-4000-8000-000000000002', [3]),
  ];
  const handler = makeHandler({ env: {}, storeFor: () => store, now: () => Date.parse('2026-05-31T20:00:00Z') });
  const post = (b: unknown) =>
    new Request('http://x/optimize-route', {
      method: 'POST',
      headers: { authorization: `Bearer ${JWT}`, 'content-type': 'application/json' },
      body: JSON.stringify(b),
    });
  return { store, handler, post };
}

const R1 = 'b0000000-0000-4000-8000-000000000001';
const R2 = 'b0000000-0000-4000-8000-000000000002';

Deno.test('a reorder within the rules is re-timed and written at once', async () => {
  const { store, handler, post } = setup();
  const res = await handler(
    post({ business_id: BUSINESS, date: DATE, edit: [{ route_id: R1, stops: [id(2), id(1)] }] }),
  );
  assert.equal(res.status, 200);
  const out = await res.json();
  assert.equal(out.written, true);
  assert.deepEqual(out.warnings, []);
  assert.deepEqual(
    store.routes[0].stops.map((s) => s.transport_request_id),
    [id(2), id(1)],
  );
  assert.ok(Date.parse(store.routes[0].stops[1].planned_eta) > Date.parse(store.routes[0].stops[0].planned_eta));
  assert.ok(store.routes[0].distance_m > 1, 'the route gets new figures');
  // each stop keeps its leg as timed: the second starts no sooner than 5 minutes at the first plus its leg
  const [a, b] = store.routes[0].stops;
  assert.ok(
    [a, b].every((s) => Number.isInteger(s.leg_seconds) && s.leg_seconds > 0),
    'legs in whole seconds',
  );
  assert.ok(Date.parse(b.planned_eta) - Date.parse(a.planned_eta) >= (300 + b.leg_seconds) * 1000 - 1000);
});

Deno.test('a move that breaks seats and a window is not written without confirm, and is with it', async () => {
  const { store, handler, post } = setup();
  const edit = [
    { route_id: R1, stops: [id(1), id(2), id(3)] },
    { route_id: R2, stops: [] },
  ];
  const writes = store.writes;
  const res = await handler(post({ business_id: BUSINESS, date: DATE, edit }));
  const out = await res.json();
  assert.equal(out.written, false);
  assert.equal(store.writes, writes, 'nothing written');
  assert.deepEqual(out.warnings.map((w: { kind: string }) => w.kind).sort(), ['seats', 'window']);
  const confirmed = await (await handler(post({ business_id: BUSINESS, date: DATE, edit, confirm: true }))).json();
  assert.equal(confirmed.written, true);
  assert.equal(store.routes[0].stops.length, 3);
  assert.equal(store.routes[1].stops.length, 0);
});

Deno.test('refuses edits that drop or double stops, touch started routes, or come from a driver', async () => {
  const { store, handler, post } = setup();
  const dropped = await handler(post({ business_id: BUSINESS, date: DATE, edit: [{ route_id: R1, stops: [id(1)] }] }));
  assert.equal(dropped.status, 422);
  assert.equal((await dropped.json()).error, 'edit_stops_mismatch');
  store.routes[1].status = 'in_progress';
  const started = await handler(post({ business_id: BUSINESS, date: DATE, edit: [{ route_id: R2, stops: [id(3)] }] }));
  assert.equal(started.status, 409);
  assert.equal((await started.json()).error, 'route_started');
  const driver = setup(['driver']);
  const res = await driver.handler(
    driver.post({ business_id: BUSINESS, date: DATE, edit: [{ route_id: R1, stops: [id(2), id(1)] }] }),
  );
  assert.equal(res.status, 403);
});

Deno.test("an edited route is re-timed from its van's own depot, not the business's", async () => {
  // Same edit, the van's yard moved 10 km east of the business's depot: the route drives further.
  const far = { type: 'Point', coordinates: [0.014, 51.505] };
  const home = setup();
  const away = setup();
  away.store.vehicleRows = [{ ...away.store.vehicleRows[0], depot_geo: far }];
  for (const s of [home, away]) s.store.routes[0].vehicle_id = away.store.vehicleRows[0].id;
  const edit = { business_id: BUSINESS, date: DATE, edit: [{ route_id: R1, stops: [id(2), id(1)] }] };
  const a = await (await home.handler(home.post(edit))).json();
  const b = await (await away.handler(away.post(edit))).json();
  // Haversine × 1.3 of the two legs to and from the far yard, replacing those from the business's depot.
  const leg = (p: number[], q: number[]) => {
    const r = (x: number) => (x * Math.PI) / 180;
    const h =
      Math.sin(r(q[1] - p[1]) / 2) ** 2 + Math.cos(r(p[1])) * Math.cos(r(q[1])) * Math.sin(r(q[0] - p[0]) / 2) ** 2;
    return 2 * 6371008.8 * Math.asin(Math.min(1, Math.sqrt(h))) * 1.3;
  };
  const depot = [-0.13, 51.505];
  const [s2, s1] = [
    [-0.14, 51.52],
    [-0.12, 51.51],
  ];
  const delta = leg(far.coordinates, s2) + leg(s1, far.coordinates) - leg(depot, s2) - leg(s1, depot);
  assert.ok(Math.abs(b.routes[0].distance_m - a.routes[0].distance_m - delta) <= 2, 'distance from the van yard');
  assert.ok(b.routes[0].distance_m > a.routes[0].distance_m + 15_000);
});
