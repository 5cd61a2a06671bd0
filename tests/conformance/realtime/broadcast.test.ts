// Broadcast over public channels with unmodified supabase-js: self, ack, sender exclusion, both
// protocol versions (2.0.0 sends broadcasts as binary kind-3 frames) and binary payloads.
import { describe, expect, it } from 'vitest';
import { Inbox, sleep, subscribe, topic, trackedClients } from './helpers.ts';

const track = trackedClients();
const make = (vsn?: '1.0.0' | '2.0.0') => track(undefined, vsn);

describe('realtime broadcast', () => {
  it('delivers a broadcast to the sender when self is on and acknowledges it when ack is on', async () => {
    const name = topic('rt-pub-self-');
    const got = new Inbox<any>();
    const ch = (await make()).channel(name, { config: { broadcast: { self: true, ack: true } } });
    ch.on('broadcast', { event: 'ping' }, got.push);
    await subscribe(ch);
    const status = await ch.send({ type: 'broadcast', event: 'ping', payload: { n: 1 } });
    expect(status).toBe('ok');
    const [msg] = await got.waitFor(1);
    expect(msg).toMatchObject({ type: 'broadcast', event: 'ping', payload: { n: 1 } });
  });

  it('does not echo a broadcast to its sender without self, but delivers it to others', async () => {
    const name = topic('rt-pub-noself-');
    const mine = new Inbox<any>();
    const theirs = new Inbox<any>();
    const sender = (await make()).channel(name).on('broadcast', { event: 'hello' }, mine.push);
    const receiver = (await make()).channel(name).on('broadcast', { event: 'hello' }, theirs.push);
    await subscribe(sender);
    await subscribe(receiver);
    await sender.send({ type: 'broadcast', event: 'hello', payload: { from: 'sender' } });
    const [msg] = await theirs.waitFor(1);
    expect(msg.payload).toEqual({ from: 'sender' });
    await sleep(200);
    expect(mine.items).toHaveLength(0);
  });

  it('routes only the listened event to an event-filtered binding', async () => {
    const name = topic('rt-pub-events-');
    const got = new Inbox<any>();
    const sender = (await make()).channel(name);
    const receiver = (await make()).channel(name).on('broadcast', { event: 'wanted' }, got.push);
    await subscribe(sender);
    await subscribe(receiver);
    await sender.send({ type: 'broadcast', event: 'other', payload: { x: 1 } });
    await sender.send({ type: 'broadcast', event: 'wanted', payload: { x: 2 } });
    await got.waitFor(1);
    await sleep(150);
    expect(got.items.map((m) => m.payload)).toEqual([{ x: 2 }]);
  });

  it('relays broadcasts between a 2.0.0 (binary frame) client and a 1.0.0 (JSON object) client', async () => {
    const name = topic('rt-pub-vsn-');
    const atV1 = new Inbox<any>();
    const atV2 = new Inbox<any>();
    const v2 = (await make('2.0.0')).channel(name).on('broadcast', { event: 'm' }, atV2.push);
    const v1 = (await make('1.0.0')).channel(name).on('broadcast', { event: 'm' }, atV1.push);
    await subscribe(v2);
    await subscribe(v1);
    await v2.send({ type: 'broadcast', event: 'm', payload: { via: 'v2', emoji: 'ünïcödé 🐾' } });
    expect((await atV1.waitFor(1))[0].payload).toEqual({ via: 'v2', emoji: 'ünïcödé 🐾' });
    await v1.send({ type: 'broadcast', event: 'm', payload: { via: 'v1' } });
    expect((await atV2.waitFor(1))[0].payload).toEqual({ via: 'v1' });
  });

  it('delivers a binary payload byte for byte to 2.0.0 clients', async () => {
    const name = topic('rt-pub-bin-');
    const got = new Inbox<any>();
    const sender = (await make('2.0.0')).channel(name);
    const receiver = (await make('2.0.0')).channel(name).on('broadcast', { event: 'blob' }, got.push);
    await subscribe(sender);
    await subscribe(receiver);
    const bytes = new Uint8Array([0, 1, 2, 250, 255, 7]);
    await sender.send({ type: 'broadcast', event: 'blob', payload: bytes.buffer });
    const [msg] = await got.waitFor(1);
    expect(msg.payload).toBeInstanceOf(ArrayBuffer);
    expect([...new Uint8Array(msg.payload)]).toEqual([...bytes]);
  });

  it('accepts a broadcast over HTTP (httpSend) and delivers it to subscribers', async () => {
    const name = topic('rt-pub-http-');
    const got = new Inbox<any>();
    const receiver = (await make()).channel(name).on('broadcast', { event: 'viahttp' }, got.push);
    await subscribe(receiver);
    const sender = (await make()).channel(name);
    const res = await sender.httpSend('viahttp', { ok: true });
    expect(res).toEqual({ success: true });
    expect((await got.waitFor(1))[0].payload).toEqual({ ok: true });
  });

  it('relays a binary httpSend payload as bytes', async () => {
    const name = topic('rt-pub-httpbin-');
    const got = new Inbox<any>();
    const receiver = (await make('2.0.0')).channel(name).on('broadcast', { event: 'b' }, got.push);
    await subscribe(receiver);
    const sender = (await make()).channel(name);
    expect(await sender.httpSend('b', new Uint8Array([9, 8, 7]).buffer)).toEqual({ success: true });
    const [msg] = await got.waitFor(1);
    expect([...new Uint8Array(msg.payload)]).toEqual([9, 8, 7]);
  });
});
