// Access tokens on channels: a refreshed token (realtime.setAuth) is adopted and re-checked, an
// expired or invalid one closes the channel with a system error.
import { describe, expect, it } from 'vitest';
import { clientAs, createUser, Inbox, signJwt, sql, subscribe, trackedClientList } from './helpers.ts';

const clients = trackedClientList();

describe('realtime access tokens', () => {
  it('closes a channel with a system error when its token expires', async () => {
    const user = await createUser();
    const client = await clientAs(user.token(3));
    clients.push(client);
    const system = new Inbox<any>();
    const status = new Inbox<string>();
    const ch = client.channel(`rt-test:user:${user.id}`, { config: { private: true } }).on('system', {}, system.push);
    ch.subscribe((s) => status.push(s));
    await status.waitFor(1);
    expect(status.items[0]).toBe('SUBSCRIBED');
    const [msg] = await system.waitFor(1, 6000);
    expect(msg).toMatchObject({ status: 'error', extension: 'system' });
    expect(msg.message).toMatch(/Token has expired/);
    await status.waitFor(2);
    expect(status.items[1]).toBe('CLOSED');
  });

  it('adopts a refreshed token from realtime.setAuth() so the channel outlives the first one', async () => {
    const user = await createUser();
    let token = user.token(3);
    const client = await clientAs(() => token);
    clients.push(client);
    const got = new Inbox<any>();
    const status = new Inbox<string>();
    const ch = client
      .channel(`rt-test:user:${user.id}`, { config: { private: true } })
      .on('broadcast', { event: 'late' }, got.push);
    ch.subscribe((s) => status.push(s));
    await status.waitFor(1);
    token = user.token(3600);
    await client.realtime.setAuth();
    await new Promise((r) => setTimeout(r, 3500));
    await sql(`select realtime.send('{"still": "here"}'::jsonb, 'late', $1)`, [`rt-test:user:${user.id}`]);
    expect((await got.waitFor(1))[0].payload.still).toBe('here');
    expect(status.items).toEqual(['SUBSCRIBED']);
  });

  it('checks postgres_changes RLS with the refreshed claims', async () => {
    const [first, second] = await Promise.all([createUser(), createUser()]);
    let token = first.token();
    const client = await clientAs(() => token);
    clients.push(client);
    const got = new Inbox<any>();
    const ch = client
      .channel(`rt-claims-${first.id}`)
      .on('postgres_changes' as any, { event: 'INSERT', schema: 'rt_fixture', table: 'notes' }, got.push);
    await subscribe(ch);
    token = second.token();
    await client.realtime.setAuth();
    await new Promise((r) => setTimeout(r, 200));
    await sql(`insert into rt_fixture.notes (owner, body) values ($1, 'old identity')`, [first.id]);
    await sql(`insert into rt_fixture.notes (owner, body) values ($1, 'new identity')`, [second.id]);
    await got.waitFor(1);
    await new Promise((r) => setTimeout(r, 300));
    expect(got.items.map((e) => e.new.body)).toEqual(['new identity']);
  });

  it('closes a channel whose refreshed token is not valid', async () => {
    const user = await createUser();
    let token = user.token();
    const client = await clientAs(() => token);
    clients.push(client);
    const system = new Inbox<any>();
    const status = new Inbox<string>();
    const ch = client.channel(`rt-test:user:${user.id}`, { config: { private: true } }).on('system', {}, system.push);
    ch.subscribe((s) => status.push(s));
    await status.waitFor(1);
    const [h, p] = user.token().split('.');
    token = `${h}.${p}.bm90LXRoZS1yaWdodC1zaWduYXR1cmU`;
    await client.realtime.setAuth();
    const [msg] = await system.waitFor(1);
    expect(msg).toMatchObject({ status: 'error', extension: 'system' });
    expect(msg.message).toMatch(/InvalidJWTToken/);
    await status.waitFor(2);
    expect(status.items[1]).toBe('CLOSED');
  });

  it('refuses a join whose token is for a role that may not read the topic, even with a valid signature', async () => {
    const user = await createUser();
    const anonish = signJwt({ role: 'anon', exp: Math.floor(Date.now() / 1000) + 60 });
    const client = await clientAs(anonish);
    clients.push(client);
    await expect(subscribe(client.channel(`rt-test:user:${user.id}`, { config: { private: true } }))).rejects.toThrow(
      /Unauthorized/,
    );
  });

  it('refuses a join whose access_token is not signed with the project secret', async () => {
    const user = await createUser();
    const [h, p] = user.token().split('.');
    const client = await clientAs(`${h}.${p}.Zm9yZ2VkLXNpZ25hdHVyZQ`);
    clients.push(client);
    await expect(subscribe(client.channel(`rt-test:user:${user.id}`, { config: { private: true } }))).rejects.toThrow(
      /InvalidJWTToken/,
    );
  });
});
