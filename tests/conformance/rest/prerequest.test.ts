// The db-pre-request hook. It runs only on a stack started with
// PGRST_DB_PRE_REQUEST=conformance.pre_request; the runner must then pass the same variable to the tests.
import { describe, expect, it } from 'vitest';
import { rest } from './helpers.ts';

describe.skipIf(process.env.PGRST_DB_PRE_REQUEST !== 'conformance.pre_request')('rest: db-pre-request', () => {
  it('runs the hook after the request GUCs are set, letting it refuse a request', async () => {
    const ok = await rest('/orgs?select=id&id=eq.1');
    expect(ok.status).toBe(200);
    const blocked = await rest('/orgs?select=id', { headers: { 'x-pre-request': 'block' } });
    expect(blocked.status).toBe(403);
    expect(await blocked.json()).toMatchObject({ code: 'PT403', message: 'blocked by the pre-request hook' });
  });
});
