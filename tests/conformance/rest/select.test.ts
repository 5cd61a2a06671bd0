// GET with select: columns, aliases, casts, JSON paths, order, paging, count, HEAD, singular, CSV.
import { describe, expect, it } from 'vitest';
import { anon, rest } from './helpers.ts';

describe('rest: select', () => {
  it('returns the chosen columns under aliases and casts', async () => {
    const { data, error } = await anon().from('tasks').select('id, heading:title, prio:priority::text').eq('id', 1);
    expect(error).toBeNull();
    expect(data).toEqual([{ id: 1, heading: 'Design fins', prio: '1' }]);
  });

  it('reads JSON paths with -> and ->>, naming the field after the last key', async () => {
    const { data } = await anon()
      .from('tasks')
      .select('id, meta->size, meta->points, owner:meta->owner->>name')
      .eq('id', 1);
    expect(data).toEqual([{ id: 1, size: 'L', points: 5, owner: 'Ada' }]);
  });

  it('renders arrays, enums, jsonb, numerics and timestamptz as PostgREST does', async () => {
    const { data } = await anon().from('tasks').select('labels, status, meta, due_at').eq('id', 1).single();
    expect(data).toEqual({
      labels: ['design', 'urgent'],
      status: 'done',
      meta: { size: 'L', points: 5, owner: { name: 'Ada' } },
      due_at: '2024-05-01T12:00:00+00:00',
    });
    const { data: shift } = await anon()
      .from('shifts')
      .select('hours, day')
      .eq('person_id', 1)
      .eq('day', '2024-01-02')
      .single();
    expect(shift).toEqual({ hours: 4.5, day: '2024-01-02' });
  });

  it('orders by several columns with nulls first or last', async () => {
    const { data } = await anon()
      .from('tasks')
      .select('id')
      .lte('id', 5)
      .order('priority', { ascending: false, nullsFirst: true })
      .order('id');
    expect(data!.map((r) => r.id)).toEqual([3, 4, 2, 1, 5]);
    const { data: last } = await anon()
      .from('tasks')
      .select('id')
      .lte('id', 5)
      .order('priority', { nullsFirst: false })
      .order('id');
    expect(last!.map((r) => r.id)).toEqual([1, 5, 2, 4, 3]);
  });

  it('pages with limit and offset (range)', async () => {
    const { data } = await anon().from('numbers').select('n').order('n').range(10, 14);
    expect(data!.map((r) => r.n)).toEqual([11, 12, 13, 14, 15]);
  });

  it('caps responses at max_rows', async () => {
    const { data } = await anon().from('numbers').select('n');
    expect(data).toHaveLength(1000);
  });

  it('counts exactly with Prefer: count=exact and answers 206 for a partial page', async () => {
    const res = await anon().from('numbers').select('n', { count: 'exact' }).lte('n', 50).limit(10);
    expect(res.count).toBe(50);
    expect(res.status).toBe(206);
    const raw = await rest('/numbers?select=n&n=lte.50&limit=10&offset=5', { headers: { Prefer: 'count=exact' } });
    expect(raw.headers.get('content-range')).toBe('5-14/50');
  });

  // count=planned is the planner's estimate (fidelity.test.ts); count=estimated is still answered exactly.
  it('maps an estimated count to the exact count', async () => {
    const { count: est } = await anon().from('numbers').select('n', { count: 'estimated' }).lte('n', 7);
    expect(est).toBe(7);
  });

  it('answers HEAD with headers and count but no body', async () => {
    const res = await anon().from('numbers').select('*', { count: 'exact', head: true }).lte('n', 3);
    expect(res.count).toBe(3);
    expect(res.data).toBeNull();
    const raw = await rest('/numbers?n=lte.3', { method: 'HEAD', headers: { Prefer: 'count=exact' } });
    expect(raw.status).toBe(200);
    expect(raw.headers.get('content-range')).toBe('0-2/3');
    expect(await raw.text()).toBe('');
  });

  it('returns one object for .single() and PGRST116 (406) otherwise', async () => {
    const one = await anon().from('orgs').select('slug').eq('id', 1).single();
    expect(one.data).toEqual({ slug: 'acme' });
    const many = await anon().from('orgs').select('slug').single();
    expect(many.status).toBe(406);
    expect(many.error).toMatchObject({ code: 'PGRST116', details: 'The result contains 3 rows' });
    const none = await anon().from('orgs').select('slug').eq('id', 999).single();
    expect(none.error).toMatchObject({ code: 'PGRST116', details: 'The result contains 0 rows' });
  });

  it('serves text/csv', async () => {
    const { data } = await anon().from('orgs').select('id,slug,name').order('id').csv();
    expect(data).toBe('id,slug,name\n1,acme,Acme\n2,globex,Globex\n3,empty,"Empty Org"');
  });

  it('serves application/geo+json as a FeatureCollection', async () => {
    const { data } = await anon().from('places').select('name, location').order('id').geojson();
    expect(data).toEqual({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', geometry: { type: 'Point', coordinates: [13.4, 52.5] }, properties: { name: 'Clinic' } },
        { type: 'Feature', geometry: { type: 'Point', coordinates: [13.45, 52.51] }, properties: { name: 'Park' } },
      ],
    });
  });

  it('reads views', async () => {
    const { data } = await anon().from('open_tasks').select('id').lte('id', 5).order('id');
    expect(data!.map((r) => r.id)).toEqual([2, 3, 4, 5]);
  });
});
