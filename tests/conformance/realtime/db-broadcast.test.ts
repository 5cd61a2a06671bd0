// Broadcasts from SQL: realtime.send and realtime.broadcast_changes (from a row trigger, see
// fixtures/realtime.sql) reach the channels of their topic — private ones only for members who
// were authorised at join.
import { describe, expect, it } from 'vitest';
import { db } from '../../support/stack.ts';
import { createUser, Inbox, sleep, sql, subscribe, topic, trackedClients } from './helpers.ts';

const as = trackedClients();

describe('realtime broadcasts from the database', () => {
  it('delivers realtime.send to a private channel with the payload, an id and meta.id', async () => {
    const user = await createUser();
    const name = topic('rt-test:open:');
    const got = new Inbox<any>();
    const ch = (await as(user.token()))
      .channel(name, { config: { private: true } })
      .on('broadcast', { event: 'from_sql' }, got.push);
    await subscribe(ch);
    await sql(`select realtime.send('{"n": 7}'::jsonb, 'from_sql', $1, true)`, [name]);
    const [msg] = await got.waitFor(1);
    expect(msg.payload.n).toBe(7);
    expect(msg.payload.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(msg.meta?.id).toBe(msg.payload.id);
  });

  it('delivers a public realtime.send only to public channels of the topic', async () => {
    const user = await createUser();
    const name = topic('rt-test:open:');
    const atPublic = new Inbox<any>();
    const atPrivate = new Inbox<any>();
    await subscribe((await as(user.token())).channel(name).on('broadcast', { event: 'pub' }, atPublic.push));
    await subscribe(
      (await as(user.token()))
        .channel(name, { config: { private: true } })
        .on('broadcast', { event: 'pub' }, atPrivate.push),
    );
    await sql(`select realtime.send('{"k": "v"}'::jsonb, 'pub', $1, false)`, [name]);
    expect((await atPublic.waitFor(1))[0].payload.k).toBe('v');
    await sleep(200);
    expect(atPrivate.items).toHaveLength(0);
  });

  it('does not deliver realtime.send from a rolled-back transaction', async () => {
    const user = await createUser();
    const name = topic('rt-test:open:');
    const got = new Inbox<any>();
    await subscribe(
      (await as(user.token())).channel(name, { config: { private: true } }).on('broadcast', { event: 'tx' }, got.push),
    );
    const c = await db();
    try {
      await c.query('begin');
      await c.query(`select realtime.send('{"step": 1}'::jsonb, 'tx', $1)`, [name]);
      await c.query('rollback');
      await c.query(`select realtime.send('{"step": 2}'::jsonb, 'tx', $1)`, [name]);
    } finally {
      await c.end();
    }
    await got.waitFor(1);
    await sleep(200);
    expect(got.items.map((m) => m.payload.step)).toEqual([2]);
  });

  it("delivers a trigger's broadcast_changes to the authorised owner and to nobody else", async () => {
    const [owner, other] = await Promise.all([createUser(), createUser()]);
    const ownerGot = new Inbox<any>();
    const otherGot = new Inbox<any>();
    await subscribe(
      (await as(owner.token()))
        .channel(`rt-test:user:${owner.id}`, { config: { private: true } })
        .on('broadcast', { event: 'INSERT' }, ownerGot.push),
    );
    await subscribe(
      (await as(other.token()))
        .channel(`rt-test:user:${other.id}`, { config: { private: true } })
        .on('broadcast', { event: '*' }, otherGot.push),
    );
    // The other user cannot even listen on the owner's topic.
    await expect(
      subscribe((await as(other.token())).channel(`rt-test:user:${owner.id}`, { config: { private: true } })),
    ).rejects.toThrow(/Unauthorized/);
    const { rows } = await sql(`insert into rt_fixture.items (owner, label) values ($1, 'bowl') returning id`, [
      owner.id,
    ]);
    const [msg] = await ownerGot.waitFor(1);
    expect(msg.payload).toMatchObject({
      operation: 'INSERT',
      table: 'items',
      schema: 'rt_fixture',
      record: { id: Number(rows[0].id), owner: owner.id, label: 'bowl' },
      old_record: null,
    });
    await sleep(200);
    expect(otherGot.items).toHaveLength(0);
  });

  it('sends UPDATE and DELETE through broadcast_changes with the old record', async () => {
    const owner = await createUser();
    const got = new Inbox<any>();
    await subscribe(
      (await as(owner.token()))
        .channel(`rt-test:user:${owner.id}`, { config: { private: true } })
        .on('broadcast', { event: '*' }, got.push),
    );
    const { rows } = await sql(`insert into rt_fixture.items (owner, label) values ($1, 'a') returning id`, [owner.id]);
    await sql(`update rt_fixture.items set label = 'b' where id = $1`, [rows[0].id]);
    await sql(`delete from rt_fixture.items where id = $1`, [rows[0].id]);
    const msgs = await got.waitFor(3);
    expect(msgs.map((m) => m.event)).toEqual(['INSERT', 'UPDATE', 'DELETE']);
    expect(msgs[1].payload).toMatchObject({ record: { label: 'b' }, old_record: { label: 'a' } });
    expect(msgs[2].payload).toMatchObject({ record: null, old_record: { label: 'b' } });
  });

  it('delivers a realtime.send payload too large for a notification, intact', async () => {
    const user = await createUser();
    const name = topic('rt-test:open:');
    const got = new Inbox<any>();
    await subscribe(
      (await as(user.token())).channel(name, { config: { private: true } }).on('broadcast', { event: 'big' }, got.push),
    );
    const text = 'x'.repeat(20_000);
    await sql(`select realtime.send(jsonb_build_object('text', $2::text), 'big', $1)`, [name, text]);
    expect((await got.waitFor(1))[0].payload.text).toBe(text);
  });
});
