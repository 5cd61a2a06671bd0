// What supabase-js's own postgrest-js suite, run against this stack (tests/conformance/README.md, "How the
// upstream client suites were run"), found answered differently from PostgREST 14 — each pinned here in our
// own words and fixture (fixtures/rest_upstream.sql). Aggregate cases live in features.test.ts (they
// toggle a stack-wide setting).
import { describe, expect, it } from 'vitest';
import { anon, rest } from './helpers.ts';

describe('rest (upstream suite): rpc overloads and unnamed parameters', () => {
  it('lists PGRST203 candidates ordered by their parameter lists, not by creation', async () => {
    const { error, status } = await anon().rpc('weigh', { w: 1 });
    expect(status).toBe(300);
    expect(error).toMatchObject({
      code: 'PGRST203',
      message:
        'Could not choose the best candidate function between: conformance.weigh(w => integer), conformance.weigh(w => text)',
    });
  });

  it('passes {"": value} to a single unnamed text parameter', async () => {
    const { data, error } = await anon().rpc('echo_label', { '': 'tag' });
    expect(error).toBeNull();
    expect(data).toBe('label:tag');
  });

  it('leaves a function with an unnamed int parameter out of /rpc, hinting at the closest callable name', async () => {
    const { error, status } = await anon().rpc('echo_number', { '': 2 });
    expect(status).toBe(404);
    expect(error).toMatchObject({
      code: 'PGRST202',
      message: 'Could not find the function conformance.echo_number() in the schema cache',
      hint: 'Perhaps you meant to call the function conformance.echo_label',
    });
  });

  it('gives no hint when nothing is close, and none from an overload list when no argument was named', async () => {
    const far = await anon().rpc('zzzzqqqq');
    expect(far.error).toMatchObject({ code: 'PGRST202', hint: null });
  });

  it('counts only callable overloads as candidates (the unnamed int one is not)', async () => {
    const none = await anon().rpc('fallback');
    expect(none.status).toBe(300);
    expect(none.error!.message).toBe(
      'Could not choose the best candidate function between: conformance.fallback(), conformance.fallback( => text)',
    );
    const text = await anon().rpc('fallback', { '': 'y' });
    expect(text.error).toBeNull();
    expect(text.data).toBe('text');
  });
});

describe('rest (upstream suite): embeds', () => {
  it('embeds a SETOF … ROWS 1 computed relationship as one object or null', async () => {
    const { data, error } = await anon().from('people').select('name, first_report(name)').in('id', [1, 4]).order('id');
    expect(error).toBeNull();
    expect(data).toEqual([
      { name: 'Ada', first_report: { name: 'Bob' } },
      { name: 'Di', first_report: null },
    ]);
  });

  it('answers rel(count) inside an embed with the row count, even with aggregates off', async () => {
    const { data, error } = await anon().from('people').select('name, people(count)').eq('id', 1);
    expect(error).toBeNull();
    expect(data).toEqual([{ name: 'Ada', people: [{ count: 2 }] }]);
  });

  it('reads table!fk_column on a self-reference as the rows pointing here, and refuses the constraint name', async () => {
    const reports = await anon()
      .from('people')
      .select('name, reports:people!manager_id(name)')
      .eq('id', 1)
      .order('id', { referencedTable: 'reports' });
    expect(reports.error).toBeNull();
    expect(reports.data).toEqual([{ name: 'Ada', reports: [{ name: 'Bob' }, { name: 'Cy' }] }]);
    const boss = await anon().from('people').select('name, boss:manager_id(name)').eq('id', 4);
    expect(boss.data).toEqual([{ name: 'Di', boss: { name: 'Bob' } }]);
    const byConstraint = await anon().from('people').select('name, people!people_manager_id_fkey(name)');
    expect(byConstraint.status).toBe(400);
    expect(byConstraint.error).toMatchObject({ code: 'PGRST200' });
  });
});

describe('rest (upstream suite): inserts with missing=default', () => {
  it('advances an identity once per body row, given or not, as PostgREST evaluates each DEFAULT per row', async () => {
    const insert = () =>
      rest('/queue_tickets?select=id,label&columns=id,label', {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Prefer: 'missing=default, return=representation, tx=rollback',
        },
        body: JSON.stringify([{ id: 900000, label: 'given' }, { label: 'drawn' }]),
      });
    const first = (await (await insert()).json()) as Array<{ id: number; label: string }>;
    const second = (await (await insert()).json()) as Array<{ id: number; label: string }>;
    expect(first[0]).toEqual({ id: 900000, label: 'given' });
    expect(second[1].id - first[1].id).toBe(2);
  });
});
