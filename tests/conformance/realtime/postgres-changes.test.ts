// postgres_changes through the wal2json slot, with the per-subscriber RLS check: rt_fixture.notes
// lets each user select only their own rows (fixtures/realtime.sql).
import { describe, expect, it } from 'vitest';
import type { RealtimeChannel } from '@supabase/supabase-js';
import { createUser, Inbox, sleep, sql, subscribe, trackedClients } from './helpers.ts';

const as = trackedClients();

let n = 0;
const channelName = () => `rt-pg-${process.pid}-${++n}`;

/** A channel listening to rt_fixture.notes changes (event and filter as given). */
async function listen(
  token: string | undefined,
  opts: { event?: '*' | 'INSERT' | 'UPDATE' | 'DELETE'; filter?: string; table?: string },
) {
  const got = new Inbox<any>();
  const client = await as(token);
  const ch: RealtimeChannel = client.channel(channelName()).on(
    'postgres_changes' as any,
    {
      event: opts.event ?? '*',
      schema: 'rt_fixture',
      table: opts.table ?? 'notes',
      ...(opts.filter ? { filter: opts.filter } : {}),
    },
    got.push,
  );
  await subscribe(ch);
  return { ch, got };
}

describe('realtime postgres_changes', () => {
  it('delivers INSERT, UPDATE and DELETE of own rows with typed values and commit timestamps', async () => {
    const user = await createUser();
    const { got } = await listen(user.token(), { event: '*', filter: `owner=eq.${user.id}` });
    // RLS is probed against the current row (as Supabase does), so let each change arrive before
    // the next one removes what the probe looks at.
    const { rows } = await sql(
      `insert into rt_fixture.notes (owner, n, body, data) values ($1, 1, 'first', '{"a": [1, 2]}') returning id`,
      [user.id],
    );
    const id = Number(rows[0].id);
    await got.waitFor(1);
    await sql('update rt_fixture.notes set n = 2 where id = $1', [id]);
    await got.waitFor(2);
    await sql('delete from rt_fixture.notes where id = $1', [id]);
    const [ins, upd] = got.items;
    expect(new Date(ins.commit_timestamp).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(upd).toMatchObject({ eventType: 'UPDATE', new: { id, n: 2 }, old: { id } });
    // The DELETE carries only the primary key (replica identity default), so a filter on owner
    // cannot match it, as in Supabase.
    await sleep(300);
    expect(got.items).toHaveLength(2);
  });

  it('sends a DELETE with only the old primary key to an unfiltered subscriber', async () => {
    const user = await createUser();
    const { got } = await listen(user.token(), { event: 'DELETE' });
    const { rows } = await sql(`insert into rt_fixture.notes (owner, body) values ($1, 'gone') returning id`, [
      user.id,
    ]);
    await sql('delete from rt_fixture.notes where id = $1', [rows[0].id]);
    const [del] = await got.waitFor(1);
    expect(del).toMatchObject({ eventType: 'DELETE', old: { id: Number(rows[0].id) }, new: {} });
    expect(del.old.body).toBeUndefined();
  });

  it('never delivers a row the subscriber cannot select', async () => {
    const [me, stranger] = await Promise.all([createUser(), createUser()]);
    const { got } = await listen(me.token(), { event: 'INSERT' });
    await sql(`insert into rt_fixture.notes (owner, body) values ($1, 'not yours')`, [stranger.id]);
    await sql(`insert into rt_fixture.notes (owner, body) values ($1, 'yours')`, [me.id]);
    await got.waitFor(1);
    await sleep(300);
    expect(got.items.map((e) => e.new.body)).toEqual(['yours']);
  });

  it('gives two subscribers with different rights different events for the same changes', async () => {
    const [a, b] = await Promise.all([createUser(), createUser()]);
    const tag = `pair-${Date.now()}`;
    const atA = await listen(a.token(), { event: 'INSERT', filter: `tag=eq.${tag}` });
    const atB = await listen(b.token(), { event: 'INSERT', filter: `tag=eq.${tag}` });
    await sql(
      `insert into rt_fixture.notes (owner, tag, body) values ($1, $3, 'for a'), ($2, $3, 'for b'), ($1, $3, 'for a again')`,
      [a.id, b.id, tag],
    );
    await atA.got.waitFor(2);
    await atB.got.waitFor(1);
    await sleep(200);
    expect(atA.got.items.map((e) => e.new.body)).toEqual(['for a', 'for a again']);
    expect(atB.got.items.map((e) => e.new.body)).toEqual(['for b']);
  });

  it('applies the eq, neq, lt, lte, gt, gte and in filters', async () => {
    const user = await createUser();
    const tag = `f-${Date.now()}`;
    const cases: Record<string, number[]> = {
      'n=eq.2': [2],
      'n=neq.2': [1, 3],
      'n=lt.2': [1],
      'n=lte.2': [1, 2],
      'n=gt.2': [3],
      'n=gte.2': [2, 3],
      'n=in.(1,3)': [1, 3],
    };
    const listeners = await Promise.all(
      Object.keys(cases).map((filter) => listen(user.token(), { event: 'INSERT', filter })),
    );
    await sql(`insert into rt_fixture.notes (owner, tag, n) values ($1, $2, 1), ($1, $2, 2), ($1, $2, 3)`, [
      user.id,
      tag,
    ]);
    const expected = Object.values(cases);
    await Promise.all(listeners.map((l, i) => l.got.waitFor(expected[i].length)));
    await sleep(300);
    const seen = listeners.map((l) => l.got.items.filter((e) => e.new.tag === tag).map((e) => e.new.n));
    expect(seen).toEqual(expected);
  });

  it('filters on UPDATE events only for UPDATE bindings', async () => {
    const user = await createUser();
    const { got } = await listen(user.token(), { event: 'UPDATE', filter: `owner=eq.${user.id}` });
    const { rows } = await sql(`insert into rt_fixture.notes (owner, n) values ($1, 5) returning id`, [user.id]);
    await sql('update rt_fixture.notes set n = 6 where id = $1', [rows[0].id]);
    const [upd] = await got.waitFor(1);
    await sleep(200);
    expect(got.items).toHaveLength(1);
    expect(upd).toMatchObject({ eventType: 'UPDATE', new: { n: 6 } });
  });

  it('sends the "Subscribed to PostgreSQL" system message and lists binding ids in the join reply', async () => {
    const user = await createUser();
    const client = await as(user.token());
    const system = new Inbox<any>();
    const ch = client
      .channel(channelName())
      .on('postgres_changes' as any, { event: 'INSERT', schema: 'rt_fixture', table: 'notes' }, () => {})
      .on('postgres_changes' as any, { event: 'DELETE', schema: 'rt_fixture', table: 'notes' }, () => {})
      .on('system', {}, system.push);
    await subscribe(ch);
    const [msg] = await system.waitFor(1);
    expect(msg).toMatchObject({ extension: 'postgres_changes', status: 'ok', message: 'Subscribed to PostgreSQL' });
    const ids = (ch as any).bindings.postgres_changes.map((b: any) => b.id);
    expect(ids).toHaveLength(2);
    expect(new Set(ids).size).toBe(2);
  });

  it('refuses a table that is not in publication supabase_realtime', async () => {
    const client = await as((await createUser()).token());
    const system = new Inbox<any>();
    const closed = new Inbox<string>();
    const ch = client
      .channel(channelName())
      .on('postgres_changes' as any, { event: '*', schema: 'rt_fixture', table: 'unpublished' }, () => {})
      .on('system', {}, system.push);
    ch.subscribe((status) => closed.push(status));
    const [msg] = await system.waitFor(1);
    expect(msg).toMatchObject({ extension: 'postgres_changes', status: 'error' });
    expect(msg.message).toMatch(/Unable to subscribe to changes/);
    await closed.waitFor(2);
    expect(closed.items).toContain('CLOSED');
  });

  it('sends nothing from a table the role has no SELECT privilege on', async () => {
    const user = await createUser();
    const { got } = await listen(user.token(), { event: 'INSERT', table: 'secrets' });
    const own = await listen(user.token(), { event: 'INSERT' });
    await sql(`insert into rt_fixture.secrets (tag) values ('hidden')`);
    await sql(`insert into rt_fixture.notes (owner, body) values ($1, 'visible')`, [user.id]);
    await own.got.waitFor(1);
    await sleep(200);
    expect(got.items).toHaveLength(0);
  });
});
