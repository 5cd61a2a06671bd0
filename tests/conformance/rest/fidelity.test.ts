// Answers that must match real PostgREST's, found by running a Supabase client's own test suite
// against the stack: range operators, max-affected on rpc, missing=default, empty and repeated embeds,
// counts, names in errors, self-reference hints, and HTTP errors raised from SQL.
import { randomInt } from 'node:crypto';
import type { PostgrestError } from '@supabase/supabase-js';
import { describe, expect, it } from 'vitest';
import { anon, rest, service, unique } from './helpers.ts';

describe('rest: range operators', () => {
  it('nxr keeps ranges that do not extend to the right of the value, nxl those not extending to its left', async () => {
    const lte = await anon().from('slots').select('id').rangeLte('during', '[4,9)').order('id');
    expect(lte.error).toBeNull();
    expect(lte.data).toEqual([{ id: 1 }, { id: 2 }]);
    const gte = await anon().from('slots').select('id').rangeGte('during', '[4,9)').order('id');
    expect(gte.data).toEqual([{ id: 3 }]);
    const raw = await rest(`/slots?select=id&during=nxr.${encodeURIComponent('[4,9)')}&order=id`);
    expect(await raw.json()).toEqual([{ id: 1 }, { id: 2 }]);
  });
});

/** supabase-js types maxAffected only for clients declared as PostgREST 13; the method itself is always there. */
interface MaxAffected {
  maxAffected(rows: number): PromiseLike<{ data: unknown[] | null; error: PostgrestError | null; status: number }>;
}

describe('rest: Prefer on rpc and inserts', () => {
  async function counters(n: number) {
    const tag = unique('ctr');
    const base = randomInt(1_000_000, 2_000_000_000);
    const rows = Array.from({ length: n }, (_, i) => ({ id: base + i, tag }));
    const { error } = await anon().from('counters').insert(rows);
    expect(error).toBeNull();
    return tag;
  }

  it('rolls back an rpc that affects more rows than max-affected, with PGRST124', async () => {
    const tag = await counters(3);
    const call = anon().rpc('bump_counters', { counter_tag: tag }) as unknown as MaxAffected;
    const { error, status } = await call.maxAffected(1);
    expect(status).toBe(400);
    expect(error).toMatchObject({ code: 'PGRST124', details: 'The query affects 3 rows' });
    const after = await anon().from('counters').select('hits').eq('tag', tag);
    expect(after.data).toEqual([{ hits: 0 }, { hits: 0 }, { hits: 0 }]);
  });

  it('commits an rpc within max-affected', async () => {
    const tag = await counters(3);
    const call = anon().rpc('bump_counters', { counter_tag: tag }) as unknown as MaxAffected;
    const { data, error } = await call.maxAffected(3);
    expect(error).toBeNull();
    expect(data).toHaveLength(3);
    const after = await anon().from('counters').select('hits').eq('tag', tag);
    expect(after.data).toEqual([{ hits: 1 }, { hits: 1 }, { hits: 1 }]);
  });

  it('fills identity columns and defaults for keys a row leaves out with missing=default', async () => {
    const title = unique('ticket');
    const { data, error } = await anon()
      .from('tickets')
      .insert(
        [
          { title, seq: 424242 },
          { title, status: 'closed' },
        ],
        { defaultToNull: false },
      )
      .select('id, seq, title, status');
    expect(error).toBeNull();
    expect(data).toHaveLength(2);
    const [a, b] = data!;
    expect(a).toMatchObject({ seq: 424242, title, status: 'open' });
    expect(b).toMatchObject({ title, status: 'closed' });
    expect(typeof a.id).toBe('number');
    expect(b.id).toBeGreaterThan(a.id);
    expect(typeof b.seq).toBe('number');
  });
});

describe('rest: embeds', () => {
  it('leaves an embed with an empty select out of the output while still filtering by it', async () => {
    const { data, error } = await anon()
      .from('projects')
      .select('name, orgs!inner()')
      .eq('orgs.slug', 'globex')
      .order('name');
    expect(error).toBeNull();
    expect(data!.length).toBeGreaterThan(0);
    for (const row of data!) expect(Object.keys(row)).toEqual(['name']);
    const all = await anon().from('projects').select('name');
    expect(data!.length).toBeLessThan(all.data!.length);
  });

  it('refuses the same table embedded twice without aliases with 42712', async () => {
    const { error, status } = await anon().from('orgs').select('slug, projects(name), projects(id)');
    expect(status).toBe(400);
    expect(error).toMatchObject({ code: '42712', message: 'table name "orgs_projects_1" specified more than once' });
    const aliased = await anon().from('orgs').select('slug, a:projects(name), b:projects(id)').eq('id', 1);
    expect(aliased.error).toBeNull();
  });

  it('names an embedded table with its depth suffix in errors, as Postgres sees PostgREST aliases', async () => {
    const { error, status } = await anon().from('orgs').select('slug, projects(nope)');
    expect(status).toBe(400);
    expect(error).toMatchObject({ code: '42703', message: 'column projects_1.nope does not exist' });
    const root = await anon().from('orgs').select('nope');
    expect(root.error!.message).toBe('column orgs.nope does not exist');
  });

  // PostgREST 14 reads `people!manager_id` as the rows pointing here (supabase-js's own suite records it;
  // see upstream.test.ts); the row the FK points to is the FK column as the target.
  it('embeds the row a self-referencing FK points to when the FK column is the target', async () => {
    const { data, error } = await anon().from('people').select('name, boss:manager_id(name)').eq('id', 4);
    expect(error).toBeNull();
    expect(data).toEqual([{ name: 'Di', boss: { name: 'Bob' } }]);
  });
});

describe('rest: counts', () => {
  it('counts the result of a scalar rpc as one row', async () => {
    const res = await rest('/rpc/add?a=1', { headers: { Prefer: 'count=exact' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-range')).toBe('0-0/1');
    const { count, data } = await anon().rpc('add', { a: 2 }, { count: 'exact' });
    expect(data).toBe(12);
    expect(count).toBe(1);
  });

  it("answers count=planned with the planner's estimate, count=exact with the real count", async () => {
    const planned = await anon().from('planned_rows').select('n', { count: 'planned' });
    expect(planned.error).toBeNull();
    expect(planned.data).toHaveLength(3);
    expect(planned.count).toBe(777);
    const exact = await anon().from('planned_rows').select('n', { count: 'exact' });
    expect(exact.count).toBe(3);
  });
});

describe('rest: HTTP errors raised from SQL', () => {
  it('answers an rpc raising PTxyz with HTTP xyz, its message and hint', async () => {
    const { data, error, status } = await anon().rpc('find_ticket', { ticket_id: -1 });
    expect(data).toBeNull();
    expect(status).toBe(404);
    expect(error).toEqual({ code: 'PT404', message: 'ticket not found', details: null, hint: 'ticket_not_found' });
  });

  it("answers RAISE SQLSTATE 'PGRST' with the JSON body, status and headers it carries", async () => {
    const res = await rest('/rpc/refuse_json', { method: 'POST', body: '{}' });
    expect(res.status).toBe(423);
    expect(res.headers.get('retry-after')).toBe('30');
    expect(await res.json()).toEqual({
      code: 'TICKET_LOCKED',
      message: 'The ticket is locked',
      details: 'locked by staff',
      hint: 'retry later',
    });
    const viaClient = await service().rpc('refuse_json');
    expect(viaClient.status).toBe(423);
    expect(viaClient.error).toMatchObject({ code: 'TICKET_LOCKED' });
  });
});

describe('rest: rpc overloads', () => {
  it('answers a call that fits several overloads with PGRST203, candidates in creation order', async () => {
    const { error, status } = await anon().rpc('pick_one', { x: 1 });
    expect(status).toBe(300);
    expect(error).toMatchObject({
      code: 'PGRST203',
      message:
        'Could not choose the best candidate function between: conformance.pick_one(x => integer), conformance.pick_one(x => integer, y => integer)',
    });
    const two = await anon().rpc('pick_one', { x: 1, y: 2 });
    expect(two.data).toBe('two');
  });
});

describe('rest: computed fields', () => {
  it('selects, filters and orders by a function taking the row type, and leaves it out of *', async () => {
    const picked = await anon().from('tasks').select('id, title_with_status').in('id', [1, 2]).order('id');
    expect(picked.error).toBeNull();
    expect(picked.data).toEqual([
      { id: 1, title_with_status: 'Design fins (done)' },
      { id: 2, title_with_status: 'Buy fuel (doing)' },
    ]);
    const filtered = await anon().from('tasks').select('id').eq('title_with_status', 'Launch (todo)');
    expect(filtered.data).toEqual([{ id: 3 }]);
    const ordered = await anon().from('tasks').select('id').in('id', [1, 2, 3]).order('title_with_status');
    expect(ordered.data).toEqual([{ id: 2 }, { id: 1 }, { id: 3 }]);
    const star = await anon().from('tasks').select('*').eq('id', 1).single();
    expect(star.data).not.toHaveProperty('title_with_status');
  });

  it('computes the field in embeds and in the representation of a write', async () => {
    const embedded = await anon().from('projects').select('id, tasks(title_with_status)').eq('id', 1).single();
    expect(embedded.error).toBeNull();
    expect(embedded.data!.tasks).toContainEqual({ title_with_status: 'Design fins (done)' });
    const title = unique('computed');
    const inserted = await anon().from('tasks').insert({ title }).select('title_with_status').single();
    expect(inserted.error).toBeNull();
    expect(inserted.data).toEqual({ title_with_status: `${title} (todo)` });
  });
});
