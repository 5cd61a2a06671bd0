import { beforeAll, describe, expect, it } from 'vitest';
import { db, signedInClient } from '../../support/stack.ts';
import { applyFunctionFixtures } from './support.ts';

describe('functions: acting as the caller', () => {
  beforeAll(applyFunctionFixtures);

  it("reads through /rest/v1 with the caller's JWT, so RLS shows only the caller's rows", async () => {
    const alice = await signedInClient();
    const bob = await signedInClient();
    const c = await db();
    try {
      await c.query(
        `insert into public.fn_fixture_notes (owner_id, body) values ($1, 'alice: feed at 8'), ($1, 'alice: walk at 9'), ($2, 'bob: vet at 10')`,
        [alice.user.id, bob.user.id],
      );
    } finally {
      await c.end();
    }
    const { data, error } = await alice.client.functions.invoke('my-notes', { method: 'GET' });
    expect(error).toBeNull();
    expect(data.notes).toEqual(['alice: feed at 8', 'alice: walk at 9']);
  });
});
