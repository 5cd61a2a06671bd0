// Private channels authorised by RLS on realtime.messages (fixtures/realtime.sql): rt-test:open:*
// may be joined and written by any signed-in user; rt-test:user:<uid> only read, by that user.
import { describe, expect, it } from 'vitest';
import { createUser, Inbox, sleep, subscribe, topic, trackedClients } from './helpers.ts';

const as = trackedClients();
const priv = { config: { private: true } };

describe('realtime private channels', () => {
  it('lets a user join a private channel their SELECT policy allows and exchange broadcasts there', async () => {
    const [a, b] = await Promise.all([createUser(), createUser()]);
    const name = topic('rt-test:open:');
    const got = new Inbox<any>();
    const sender = (await as(a.token())).channel(name, { config: { private: true, broadcast: { ack: true } } });
    const receiver = (await as(b.token())).channel(name, priv).on('broadcast', { event: 'note' }, got.push);
    await subscribe(sender);
    await subscribe(receiver);
    expect(await sender.send({ type: 'broadcast', event: 'note', payload: { hi: 'b' } })).toBe('ok');
    expect((await got.waitFor(1))[0].payload).toEqual({ hi: 'b' });
  });

  it('refuses a private channel the user may not join', async () => {
    const [owner, other] = await Promise.all([createUser(), createUser()]);
    const ch = (await as(other.token())).channel(`rt-test:user:${owner.id}`, priv);
    await expect(subscribe(ch)).rejects.toThrow(
      /Unauthorized: You do not have permissions to read from this Channel topic: rt-test:user:/,
    );
  });

  it('refuses a private channel to the anon role', async () => {
    const ch = (await as()).channel(topic('rt-test:open:'), priv);
    await expect(subscribe(ch)).rejects.toThrow(/Unauthorized/);
  });

  it('does not relay a broadcast from a member without an INSERT policy, and acks it with an error', async () => {
    const user = await createUser();
    const name = `rt-test:user:${user.id}`;
    const got = new Inbox<any>();
    const sender = (await as(user.token())).channel(name, {
      config: { private: true, broadcast: { ack: true, self: true } },
    });
    sender.on('broadcast', { event: 'x' }, got.push);
    await subscribe(sender);
    expect(await sender.send({ type: 'broadcast', event: 'x', payload: {} })).toBe('error');
    await sleep(200);
    expect(got.items).toHaveLength(0);
  });

  it('keeps private and public channels of the same name apart', async () => {
    const user = await createUser();
    const name = topic('rt-test:open:');
    const atPublic = new Inbox<any>();
    const atPrivate = new Inbox<any>();
    const pub = (await as(user.token())).channel(name).on('broadcast', { event: 'e' }, atPublic.push);
    const prv = (await as(user.token()))
      .channel(name, { config: { private: true, broadcast: { self: true } } })
      .on('broadcast', { event: 'e' }, atPrivate.push);
    await subscribe(pub);
    await subscribe(prv);
    await prv.send({ type: 'broadcast', event: 'e', payload: { where: 'private' } });
    await atPrivate.waitFor(1);
    await sleep(150);
    expect(atPublic.items).toHaveLength(0);
  });

  it('accepts httpSend on a private channel only from a user its INSERT policy allows', async () => {
    const user = await createUser();
    const name = topic('rt-test:open:');
    const got = new Inbox<any>();
    const receiver = (await as(user.token())).channel(name, priv).on('broadcast', { event: 'h' }, got.push);
    await subscribe(receiver);
    const sender = (await as(user.token())).channel(name, priv);
    expect(await sender.httpSend('h', { via: 'http' })).toEqual({ success: true });
    expect((await got.waitFor(1))[0].payload).toEqual({ via: 'http' });
    const readOnly = (await as(user.token())).channel(`rt-test:user:${user.id}`, priv);
    await expect(readOnly.httpSend('h', { via: 'http' })).rejects.toThrow(/Unauthorized/);
  });
});
