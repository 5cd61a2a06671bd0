// The path an app takes: a user signed in through GoTrue (supabase-js keeps the session and hands its
// access token to realtime) joins their private channel and receives a broadcast from SQL.
import { describe, expect, it } from 'vitest';
import { db, signedInClient } from '../../support/stack.ts';
import { Inbox, subscribe, trackedClientList } from './helpers.ts';

const clients = trackedClientList();

describe('realtime with a signed-in session', () => {
  it("joins the user's private channel with the session token and receives realtime.send", async () => {
    const { client, user } = await signedInClient();
    clients.push(client);
    const got = new Inbox<any>();
    const ch = client
      .channel(`rt-test:user:${user.id}`, { config: { private: true } })
      .on('broadcast', { event: 'hello' }, got.push);
    await subscribe(ch);
    const c = await db();
    try {
      await c.query(`select realtime.send('{"to": "you"}'::jsonb, 'hello', $1)`, [`rt-test:user:${user.id}`]);
    } finally {
      await c.end();
    }
    expect((await got.waitFor(1))[0].payload.to).toBe('you');
  });
});
