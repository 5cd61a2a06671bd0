// Roles in tokens: realtime switches to the token's role only where PostgREST would (anon,
// authenticated, service_role). A validly signed token naming any other role — postgres,
// supabase_admin, a schema owner — is refused, as REST refuses it, instead of running RLS probes
// and change checks as a superuser.
import { describe, expect, it } from 'vitest';
import { stack } from '../../support/stack.ts';
import { clientAs, createUser, Inbox, signJwt, sql, subscribe, topic, trackedClientList } from './helpers.ts';

const clients = trackedClientList();
const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;

async function as(token: string) {
  const c = await clientAs(token);
  clients.push(c);
  return c;
}

describe('realtime token roles', () => {
  for (const role of ['postgres', 'supabase_admin', 'supabase_realtime_admin']) {
    it(`refuses a private channel join whose token claims role ${role}`, async () => {
      const owner = await createUser();
      const token = signJwt({ sub: owner.id, role, exp: inAnHour() });
      const ch = (await as(token)).channel(`rt-test:user:${owner.id}`, { config: { private: true } });
      await expect(subscribe(ch)).rejects.toThrow(
        /Unauthorized: You do not have permissions to read from this Channel topic: rt-test:user:/,
      );
    });
  }

  it('refuses a public channel join whose token claims role postgres', async () => {
    const token = signJwt({ role: 'postgres', exp: inAnHour() });
    const ch = (await as(token)).channel(topic('rt-role-pub-'));
    await expect(subscribe(ch)).rejects.toThrow(/Unauthorized: permission denied to set role "postgres"/);
  });

  it('sends no postgres_changes to a token claiming role postgres', async () => {
    const owner = await createUser();
    const token = signJwt({ sub: owner.id, role: 'postgres', exp: inAnHour() });
    const got = new Inbox<any>();
    const ch = (await as(token))
      .channel(topic('rt-role-changes-'))
      .on('postgres_changes' as any, { event: 'INSERT', schema: 'rt_fixture', table: 'notes' }, got.push);
    await expect(subscribe(ch)).rejects.toThrow(/Unauthorized/);
    await sql(`insert into rt_fixture.notes (owner, body) values ($1, 'not for superusers')`, [owner.id]);
    await new Promise((r) => setTimeout(r, 400));
    expect(got.items).toHaveLength(0);
  });

  it('closes a channel whose refreshed token claims role supabase_admin', async () => {
    const user = await createUser();
    let token = user.token();
    const client = await clientAs(() => token);
    clients.push(client);
    const system = new Inbox<any>();
    const status = new Inbox<string>();
    const ch = client.channel(`rt-test:user:${user.id}`, { config: { private: true } }).on('system', {}, system.push);
    ch.subscribe((s) => status.push(s));
    await status.waitFor(1);
    expect(status.items[0]).toBe('SUBSCRIBED');
    token = signJwt({ sub: user.id, role: 'supabase_admin', exp: inAnHour() });
    await client.realtime.setAuth();
    const [msg] = await system.waitFor(1);
    expect(msg).toMatchObject({ status: 'error', extension: 'system' });
    expect(msg.message).toMatch(/Unauthorized/);
    await status.waitFor(2);
    expect(status.items[1]).toBe('CLOSED');
  });

  it('refuses an HTTP broadcast to a private topic from a token claiming role postgres', async () => {
    const owner = await createUser();
    const token = signJwt({ sub: owner.id, role: 'postgres', exp: inAnHour() });
    const res = await fetch(`${stack.url}/realtime/v1/api/broadcast`, {
      method: 'POST',
      headers: { apikey: stack.anonKey, authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        messages: [{ topic: `rt-test:user:${owner.id}`, event: 'x', payload: {}, private: true }],
      }),
    });
    expect(res.status).toBe(401);
    expect((await res.json()).error).toMatch(/Unauthorized/);
  });

  it('still lets service_role join a private channel (it bypasses RLS, as in Supabase)', async () => {
    const owner = await createUser();
    const ch = (await as(stack.serviceRoleKey)).channel(`rt-test:user:${owner.id}`, { config: { private: true } });
    await expect(subscribe(ch)).resolves.toBeDefined();
  });
});
