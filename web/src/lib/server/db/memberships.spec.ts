import { describe, expect, it } from 'vitest';
import type { Supabase } from '../supabase.ts';
import { DataError } from './errors.ts';
import { listMyMemberships } from './memberships.ts';

// A stand-in for the query builder: records the calls and answers with a canned PostgREST result.
function fakeClient(result: { data: unknown; error: { code: string; message: string } | null }) {
  const calls: unknown[][] = [];
  const builder = {
    select: (...args: unknown[]) => (calls.push(['select', ...args]), builder),
    eq: (...args: unknown[]) => (calls.push(['eq', ...args]), Promise.resolve(result)),
  };
  const client = { from: (table: string) => (calls.push(['from', table]), builder) };
  return { client: client as unknown as Supabase, calls };
}

describe('listMyMemberships', () => {
  it("reads the user's memberships with their businesses, sorted by business name", async () => {
    const { client, calls } = fakeClient({
      data: [
        { role: 'staff', business: { id: 'b2', name: 'Woof Inn', slug: 'woof-inn' } },
        { role: 'owner', business: { id: 'b1', name: 'Bark Avenue', slug: 'bark-avenue' } },
      ],
      error: null,
    });
    const result = await listMyMemberships(client, 'user-1');
    expect(result).toEqual({
      available: true,
      items: [
        { role: 'owner', business: { id: 'b1', name: 'Bark Avenue', slug: 'bark-avenue' } },
        { role: 'staff', business: { id: 'b2', name: 'Woof Inn', slug: 'woof-inn' } },
      ],
    });
    expect(calls).toEqual([
      ['from', 'memberships'],
      ['select', 'role, business:businesses!inner(id, name, slug)'],
      ['eq', 'user_id', 'user-1'],
    ]);
  });

  it('reports memberships as unavailable when the table does not exist (PGRST205)', async () => {
    const { client } = fakeClient({ data: null, error: { code: 'PGRST205', message: 'Could not find the table' } });
    expect(await listMyMemberships(client, 'u')).toEqual({ available: false });
  });

  it('raises a DataError for any other failure', async () => {
    const { client } = fakeClient({ data: null, error: { code: '42501', message: 'permission denied' } });
    await expect(listMyMemberships(client, 'u')).rejects.toBeInstanceOf(DataError);
    await expect(listMyMemberships(client, 'u')).rejects.toMatchObject({ code: '42501' });
  });
});
