// Insert, bulk insert, columns, missing=default, upsert, update and delete, with Prefer: return.
import { describe, expect, it } from 'vitest';
import { anon, rest, unique } from './helpers.ts';

describe('rest: mutations', () => {
  it('inserts one row with return=minimal as 201 and an empty body', async () => {
    const key = unique();
    const res = await anon().from('settings').insert({ key, value: 'a' });
    expect(res.status).toBe(201);
    expect(res.data).toBeNull();
    expect(res.error).toBeNull();
    const { data } = await anon().from('settings').select('value').eq('key', key);
    expect(data).toEqual([{ value: 'a' }]);
  });

  it('inserts in bulk and returns the representation with embeds', async () => {
    const note = unique('bulk');
    // Person 2's shift: the embedding tests read only person 1's notes.
    const { data, status } = await anon()
      .from('shift_notes')
      .insert([
        { person_id: 2, day: '2024-01-01', note: `${note}-1` },
        { person_id: 2, day: '2024-01-01', note: `${note}-2` },
      ])
      .select('note, shifts(hours, people(name))');
    expect(status).toBe(201);
    expect(data).toEqual([
      { note: `${note}-1`, shifts: { hours: 6, people: { name: 'Bob' } } },
      { note: `${note}-2`, shifts: { hours: 6, people: { name: 'Bob' } } },
    ]);
  });

  it('inserts only the columns named in ?columns', async () => {
    const key = unique();
    const res = await rest('/settings?columns=key&select=key,value', {
      method: 'POST',
      headers: { Prefer: 'return=representation' },
      body: JSON.stringify([{ key, value: 'ignored' }]),
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual([{ key, value: null }]);
  });

  it('uses column defaults for missing keys with Prefer: missing=default, nulls without it', async () => {
    const a = unique();
    const b = unique();
    const { data } = await anon()
      .from('settings')
      .insert([{ key: a, note: 'given' }, { key: b }], { defaultToNull: false })
      .select('key, note');
    expect(data).toEqual([
      { key: a, note: 'given' },
      { key: b, note: 'none' },
    ]);
    const c = unique();
    const { data: nulls } = await anon()
      .from('settings')
      .insert([{ key: c, note: 'x' }, { key: unique() }])
      .select('key, note');
    expect(nulls![1].note).toBeNull();
  });

  it('upserts with on_conflict, merging duplicates', async () => {
    const key = unique();
    await anon().from('settings').insert({ key, value: 'one' });
    const { data, status } = await anon()
      .from('settings')
      .upsert({ key, value: 'two' }, { onConflict: 'key' })
      .select('key, value')
      .single();
    expect(status).toBe(200);
    expect(data).toEqual({ key, value: 'two' });
    const fresh = await anon()
      .from('settings')
      .upsert({ key: unique(), value: 'new' }, { onConflict: 'key' })
      .select('value');
    expect(fresh.status).toBe(201);
  });

  it('upserts ignoring duplicates', async () => {
    const key = unique();
    await anon().from('settings').insert({ key, value: 'kept' });
    const { data } = await anon()
      .from('settings')
      .upsert({ key, value: 'dropped' }, { onConflict: 'key', ignoreDuplicates: true })
      .select('value');
    expect(data).toEqual([]);
    const { data: row } = await anon().from('settings').select('value').eq('key', key).single();
    expect(row).toEqual({ value: 'kept' });
  });

  it('updates filtered rows: 204 when minimal, 200 with the representation', async () => {
    const key = unique();
    await anon().from('settings').insert({ key, value: 'old' });
    const minimal = await anon().from('settings').update({ value: 'mid' }).eq('key', key);
    expect(minimal.status).toBe(204);
    const { data, status } = await anon().from('settings').update({ value: 'new' }).eq('key', key).select('key, value');
    expect(status).toBe(200);
    expect(data).toEqual([{ key, value: 'new' }]);
  });

  it('deletes filtered rows and can return them', async () => {
    const key = unique();
    await anon()
      .from('settings')
      .insert([
        { key, value: '1' },
        { key: `${key}-b`, value: '2' },
      ]);
    const { data } = await anon()
      .from('settings')
      .delete()
      .in('key', [key, `${key}-b`])
      .select('value');
    expect(data!.map((r) => r.value).sort()).toEqual(['1', '2']);
    const { data: left } = await anon()
      .from('settings')
      .select('id')
      .in('key', [key, `${key}-b`]);
    expect(left).toEqual([]);
  });

  it('counts affected rows in Content-Range', async () => {
    const key = unique();
    await anon()
      .from('settings')
      .insert([{ key: `${key}-1` }, { key: `${key}-2` }]);
    const { count } = await anon().from('settings').update({ value: 'x' }, { count: 'exact' }).like('key', `${key}-*`);
    expect(count).toBe(2);
  });

  it('answers a unique violation with 23505 and 409', async () => {
    const key = unique();
    await anon().from('settings').insert({ key });
    const { error, status } = await anon().from('settings').insert({ key });
    expect(status).toBe(409);
    expect(error!.code).toBe('23505');
  });

  it('answers a foreign-key violation with 23503 and 409', async () => {
    const { error, status } = await anon().from('tasks').insert({ title: unique(), project_id: 999 });
    expect(status).toBe(409);
    expect(error!.code).toBe('23503');
  });

  it('answers an unknown column in the body with PGRST204', async () => {
    const { error, status } = await anon().from('settings').insert({ key: unique(), nope: 1 });
    expect(status).toBe(400);
    expect(error).toMatchObject({
      code: 'PGRST204',
      message: "Could not find the 'nope' column of 'settings' in the schema cache",
    });
  });

  it('returns a single inserted object with .single()', async () => {
    const key = unique();
    const { data } = await anon().from('settings').insert({ key, value: 'v' }).select('key, value').single();
    expect(data).toEqual({ key, value: 'v' });
  });

  it('rolls back with Prefer: tx=rollback', async () => {
    const key = unique();
    const res = await anon().from('settings').insert({ key }).select('key').rollback();
    expect(res.data).toEqual([{ key }]);
    const { data } = await anon().from('settings').select('id').eq('key', key);
    expect(data).toEqual([]);
  });
});
