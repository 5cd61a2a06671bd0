// PostgREST's error bodies and statuses, profiles, and response GUCs.
import { describe, expect, it } from 'vitest';
import { anonClient } from '../../support/stack.ts';
import { anon, onSchema, rest } from './helpers.ts';

describe('rest: errors, profiles and response control', () => {
  it('answers an unknown table with PGRST205 (404)', async () => {
    const { error, status } = await anon().from('nope').select('*');
    expect(status).toBe(404);
    expect(error).toMatchObject({
      code: 'PGRST205',
      message: "Could not find the table 'conformance.nope' in the schema cache",
    });
  });

  it('answers an unknown column with 42703 (400)', async () => {
    const { error, status } = await anon().from('orgs').select('nope');
    expect(status).toBe(400);
    expect(error).toMatchObject({ code: '42703', message: 'column orgs.nope does not exist' });
  });

  it('answers unparsable parameters with PGRST100 (400)', async () => {
    const res = await rest('/orgs?id=zz.1');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'PGRST100', message: 'failed to parse filter (zz.1)' });
    const order = await rest('/orgs?order=id.sideways');
    expect((await order.json()).code).toBe('PGRST100');
  });

  it('answers unsupported grammar with a PostgREST error rather than a different result', async () => {
    const put = await rest('/orgs?id=eq.1', { method: 'PUT', body: '{"id":1}' });
    expect((await put.json()).code).toBe('PGRST127');
  });

  it('answers a bad value with the Postgres error (22P02, 400)', async () => {
    const { error, status } = await anon().from('orgs').select('id').eq('id', 'abc');
    expect(status).toBe(400);
    expect(error!.code).toBe('22P02');
  });

  it('passes RAISE details through as P0001 (400)', async () => {
    const { error, status } = await anon().rpc('fail_p0001');
    expect(status).toBe(400);
    expect(error).toEqual({ code: 'P0001', message: 'custom failure', details: 'some detail', hint: 'some hint' });
  });

  it("lets RAISE SQLSTATE 'PGRST' choose the status, body and headers", async () => {
    const res = await rest('/rpc/fail_pgrst', { method: 'POST', body: '{}' });
    expect(res.status).toBe(402);
    expect(res.headers.get('x-powered-by')).toBe('Nerd Rage');
    expect(await res.json()).toEqual({
      code: '123',
      message: 'Payment Required',
      details: 'Quota exceeded',
      hint: 'Upgrade',
    });
  });

  it('honours response.status and response.headers set in SQL', async () => {
    const res = await rest('/rpc/teapot');
    expect(res.status).toBe(418);
    expect(res.headers.get('x-brew')).toBe('earl grey');
    expect(await res.json()).toBe('short and stout');
  });

  it('serves the schema named by Accept-Profile / Content-Profile and rejects unknown ones with PGRST106', async () => {
    const res = await rest('/orgs?select=slug&id=eq.1');
    expect(res.headers.get('content-profile')).toBe('conformance');
    const bad = await anonClient(onSchema('nowhere')).from('orgs').select('*');
    expect(bad.status).toBe(406);
    expect(bad.error).toMatchObject({ code: 'PGRST106', message: 'Invalid schema: nowhere' });
    const write = await anonClient(onSchema('nowhere')).from('orgs').insert({ id: 1 });
    expect(write.error!.code).toBe('PGRST106');
  });

  it('answers an unsupported Accept with PGRST107 (406)', async () => {
    const res = await rest('/orgs', { headers: { Accept: 'application/xml' } });
    expect(res.status).toBe(406);
    expect((await res.json()).code).toBe('PGRST107');
  });
});
