import assert from 'node:assert/strict';
import { haversineProvider } from '../_shared/routing/distance/haversine.ts';
import { retime, type FixedStop } from './retime.ts';

const depot = { lat: 51.5362, lng: -0.1031 };
const near = { lat: 51.5436, lng: -0.0969 };
const far = { lat: 51.562, lng: -0.079 };
const provider = haversineProvider();
const h = (hh: number, mm = 0) => hh * 3600 + mm * 60;
const stop = (id: string, from: number, to: number, kind: 'pickup' | 'dropoff' = 'pickup'): FixedStop => ({
  id,
  kind,
  windowStart: from,
  windowEnd: to,
  demand: 1,
});
const van = { seats: 6, shiftStart: h(6), shiftEnd: h(21) };

Deno.test(
  'times a fixed order with the travel model: waits for windows, leaves as late as the first window allows',
  async () => {
    const m = await provider.matrix([depot, near, far]);
    const r = retime([stop('a', h(7, 30), h(8)), stop('b', h(7, 30), h(9))], m, van, 300);
    assert.equal(r.starts[0], h(7, 30));
    assert.ok(r.starts[1] > r.starts[0] + 300, 'the second stop starts after service and the drive');
    assert.deepEqual(r.breaches, []);
    assert.ok(r.distance > 0 && r.duration > 0);
  },
);

Deno.test('names a window that cannot be met, with how late', async () => {
  const m = await provider.matrix([depot, far, near]);
  const r = retime([stop('a', h(8), h(8, 5)), stop('b', h(7), h(8, 6))], m, van, 300);
  assert.equal(r.breaches.length, 1);
  const b = r.breaches[0];
  assert.equal(b.kind, 'window');
  assert.ok(b.kind === 'window' && b.stopId === 'b' && b.lateS > 0);
});

Deno.test('names the stop where the pets outnumber the seats, and a return after the shift', async () => {
  const m = await provider.matrix([depot, near, far]);
  const r = retime([stop('a', h(20), h(20, 30)), stop('b', h(20, 50), h(20, 59))], m, { ...van, seats: 1 }, 300);
  assert.deepEqual(
    r.breaches.map((b) => b.kind),
    ['seats', 'shift'],
  );
  assert.ok(r.breaches[0].kind === 'seats' && r.breaches[0].stopId === 'b' && r.breaches[0].load === 2);
});

Deno.test('drop-offs are loaded at the depot: too many for the seats is a breach before the first stop', async () => {
  const m = await provider.matrix([depot, near, far]);
  const r = retime(
    [stop('a', h(17), h(18), 'dropoff'), stop('b', h(17), h(18), 'dropoff')],
    m,
    { ...van, seats: 1 },
    300,
  );
  assert.equal(r.breaches[0].kind, 'seats');
});
