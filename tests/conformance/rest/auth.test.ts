// The transaction/role model: the JWT's role, RLS as different users, GUCs, privilege errors, bad tokens.
import { describe, expect, it } from 'vitest';
import { anonClient } from '../../support/stack.ts';
import { anon, clientWithToken, onSchema, rest, service, signJwt, unique, userClient } from './helpers.ts';

describe('rest: auth and transactions', () => {
  it('runs as the JWT role with request GUCs and search_path set', async () => {
    const { id, client } = await userClient();
    const { data } = await client.rpc('whoami');
    expect(data).toMatchObject({
      role: 'authenticated',
      sub: id,
      claims_role: 'authenticated',
      legacy_sub: id,
      method: 'POST',
      path: '/rpc/whoami',
    });
    expect(data.search_path).toBe('"conformance", "public", "extensions"');
    const { data: anonData } = await anon().rpc('whoami');
    expect(anonData).toMatchObject({ role: 'anon', sub: null });
    const { data: svc } = await service().rpc('whoami');
    expect(svc.role).toBe('service_role');
  });

  it('exposes request headers lower-cased in request.headers', async () => {
    const client = anonClient({ ...onSchema('conformance'), global: { headers: { 'X-Conformance': 'hello' } } });
    const { data } = await client.rpc('whoami');
    expect(data.header).toBe('hello');
  });

  it('applies RLS per user: each sees and changes only their own rows', async () => {
    const alice = await userClient();
    const bob = await userClient();
    const body = unique('note');
    const ins = await alice.client.from('notes').insert({ body }).select('body, owner_id').single();
    expect(ins.data).toEqual({ body, owner_id: alice.id });
    expect((await alice.client.from('notes').select('body').eq('body', body)).data).toEqual([{ body }]);
    expect((await bob.client.from('notes').select('body').eq('body', body)).data).toEqual([]);
    const upd = await bob.client.from('notes').update({ body: 'hijacked' }).eq('body', body).select();
    expect(upd.data).toEqual([]);
    // The policies are `to authenticated`: anon has the grant but no policy, so sees nothing.
    expect((await anon().from('notes').select('body').eq('body', body)).data).toEqual([]);
  });

  it('rejects a row that violates an RLS check with 42501 (403 for a user)', async () => {
    const alice = await userClient();
    const { error, status } = await alice.client
      .from('notes')
      .insert({ body: unique(), owner_id: '00000000-0000-0000-0000-000000000000' });
    expect(status).toBe(403);
    expect(error!.code).toBe('42501');
  });

  it('inserts without reading back under return=minimal, but fails to return rows RLS hides', async () => {
    const alice = await userClient();
    const ok = await alice.client.from('dropbox').insert({ body: unique() });
    expect(ok.status).toBe(201);
    const { error, status } = await alice.client.from('dropbox').insert({ body: unique() }).select();
    expect(status).toBe(403);
    expect(error!.code).toBe('42501');
  });

  it('maps missing privileges to 401 for anon and 403 for a signed-in user', async () => {
    const a = await anon().from('secrets').select('*');
    expect(a.status).toBe(401);
    expect(a.error!.code).toBe('42501');
    const raw = await rest('/secrets');
    expect(raw.headers.get('www-authenticate')).toBe('Bearer');
    const u = await (await userClient()).client.from('secrets').select('*');
    expect(u.status).toBe(403);
    expect((await service().from('secrets').select('value')).data).toEqual([{ value: 'hunter2' }]);
  });

  it('rejects a token with a bad signature with PGRST301 and WWW-Authenticate', async () => {
    const token = signJwt({ role: 'authenticated', exp: Math.floor(Date.now() / 1000) + 60 }).slice(0, -4) + 'AAAA';
    const res = await rest('/orgs', { headers: { Authorization: `Bearer ${token}` } });
    expect(res.status).toBe(401);
    expect((await res.json()).code).toBe('PGRST301');
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token"/);
  });

  it('rejects an expired token with PGRST303', async () => {
    const client = clientWithToken(signJwt({ role: 'authenticated', exp: Math.floor(Date.now() / 1000) - 10 }));
    const { error, status } = await client.from('orgs').select('id');
    expect(status).toBe(401);
    expect(error).toMatchObject({ code: 'PGRST303', message: 'JWT expired' });
  });

  it('answers a role that does not exist with 401', async () => {
    const client = clientWithToken(signJwt({ role: 'nobody_here', exp: Math.floor(Date.now() / 1000) + 60 }));
    const { status, error } = await client.from('orgs').select('id');
    expect(status).toBe(401);
    expect(error!.code).toBe('22023');
  });
});
