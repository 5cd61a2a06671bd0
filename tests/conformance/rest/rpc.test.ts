// Functions under /rpc: named arguments by POST and GET, scalar/SETOF/TABLE returns, void, overloads.
import { describe, expect, it } from 'vitest';
import { anon, rest, unique } from './helpers.ts';

describe('rest: rpc', () => {
  it('calls a scalar function by POST with named arguments', async () => {
    const { data, status } = await anon().rpc('add', { a: 2, b: 3 });
    expect(status).toBe(200);
    expect(data).toBe(5);
  });

  it('calls a function by GET, using argument defaults', async () => {
    const { data } = await anon().rpc('add', { a: 2 }, { get: true });
    expect(data).toBe(12);
  });

  it('filters, orders, pages and embeds a SETOF table result', async () => {
    const { data } = await anon()
      .rpc('tasks_with_status', { s: 'doing' })
      .select('id, projects(name)')
      .lte('id', 5)
      .order('id', { ascending: false })
      .limit(1);
    expect(data).toEqual([{ id: 5, projects: { name: 'Laser' } }]);
  });

  it('returns RETURNS TABLE rows, filterable like a table', async () => {
    const { data } = await anon().rpc('project_counts').gte('task_count', 1).eq('project_id', 2);
    expect(data).toEqual([{ project_id: 2, task_count: 1 }]);
  });

  it('returns a SETOF scalar as a JSON array', async () => {
    const { data } = await anon().rpc('label_list');
    expect(data).toEqual(['a', 'b', 'c']);
  });

  it('answers HEAD with the count of a set-returning function', async () => {
    const { count, data, status } = await anon().rpc('label_list', {}, { head: true, count: 'exact' });
    expect(status).toBe(200);
    expect(data).toBeNull();
    expect(count).toBe(3);
  });

  it('returns a single composite as an object', async () => {
    const name = unique('tag');
    const { data } = await anon().rpc('create_tag', { tag_name: name });
    expect(data).toMatchObject({ name });
  });

  it('answers a void function with 204', async () => {
    const { status, data, error } = await anon().rpc('touch', { tag_name: 'red' });
    expect(error).toBeNull();
    expect(status).toBe(204);
    expect(data).toBeNull();
  });

  it('passes a JSON argument and the whole body to a single unnamed jsonb parameter', async () => {
    expect((await anon().rpc('echo', { payload: { a: [1, 2] } })).data).toEqual({ a: [1, 2] });
    expect((await anon().rpc('whole_body', { anything: true, n: 1 })).data).toEqual({ got: { anything: true, n: 1 } });
  });

  it('chooses an overload by argument names', async () => {
    expect((await anon().rpc('overloaded', { a: 1 })).data).toBe('int');
    expect((await anon().rpc('overloaded', { a: 'x', b: 'y' })).data).toBe('text,text');
  });

  it('answers an unknown function or argument set with PGRST202 (404)', async () => {
    const { error, status } = await anon().rpc('add', { zzz: 1 });
    expect(status).toBe(404);
    expect(error).toMatchObject({
      code: 'PGRST202',
      message: 'Could not find the function conformance.add(zzz) in the schema cache',
    });
  });

  it('runs GET rpc in a read-only transaction (25006 → 405) and volatile POST rpc read-write', async () => {
    const { error, status } = await anon().rpc('write_in_get', {}, { get: true });
    expect(status).toBe(405);
    expect(error!.code).toBe('25006');
    const ro = await anon().rpc('whoami', {}, { get: true });
    expect(ro.data.read_only).toBe('on');
    const res = await rest('/rpc/create_tag', { method: 'POST', body: JSON.stringify({ tag_name: unique('rw') }) });
    expect(res.status).toBe(200);
  });

  it('runs STABLE functions read-only even by POST', async () => {
    const { data } = await anon().rpc('whoami');
    expect(data.read_only).toBe('on');
  });
});
