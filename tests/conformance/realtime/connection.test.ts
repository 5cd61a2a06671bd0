// The websocket itself: the apikey check at connect, heartbeats, leaving, and what a push to a
// channel that was never joined gets. Raw `ws` where supabase-js hides the wire (handshake status).
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { stack } from '../../support/stack.ts';
import { Inbox, sleep, subscribe, topic, trackedClients } from './helpers.ts';

const track = trackedClients();
const make = () => track();

const wsUrl = (params: Record<string, string>) => {
  const u = new URL('/realtime/v1/websocket', stack.url.replace(/^http/, 'ws'));
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
  return u.toString();
};

/** Opens a raw socket; resolves with it once open, or with the HTTP status the handshake got. */
function open(url: string): Promise<{ ws?: WebSocket; status?: number; body?: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once('open', () => resolve({ ws }));
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode, body }));
    });
    ws.once('error', (e) => (e.message.includes('Unexpected server response') ? undefined : reject(e)));
  });
}

function nextMessage(ws: WebSocket): Promise<any> {
  return new Promise((resolve) => ws.once('message', (d) => resolve(JSON.parse(String(d)))));
}

describe('realtime websocket', () => {
  it('refuses a connection without an apikey with 401', async () => {
    const r = await open(wsUrl({ vsn: '2.0.0' }));
    expect(r.status).toBe(401);
    expect(JSON.parse(r.body!).error).toBeTruthy();
  });

  it('refuses a connection whose apikey is not signed with the project secret with 401', async () => {
    const [h, p] = stack.anonKey.split('.');
    const r = await open(wsUrl({ apikey: `${h}.${p}.c2lnbmF0dXJlLWJ5LXNvbWVvbmUtZWxzZQ`, vsn: '2.0.0' }));
    expect(r.status).toBe(401);
  });

  it('answers a heartbeat with an ok reply', async () => {
    const { ws } = await open(wsUrl({ apikey: stack.anonKey, vsn: '2.0.0' }));
    ws!.send(JSON.stringify([null, '1', 'phoenix', 'heartbeat', {}]));
    expect(await nextMessage(ws!)).toEqual([null, '1', 'phoenix', 'phx_reply', { status: 'ok', response: {} }]);
    ws!.close();
  });

  it('speaks 1.0.0 as JSON objects', async () => {
    const { ws } = await open(wsUrl({ apikey: stack.anonKey, vsn: '1.0.0' }));
    ws!.send(JSON.stringify({ topic: 'phoenix', event: 'heartbeat', payload: {}, ref: '9' }));
    expect(await nextMessage(ws!)).toMatchObject({
      topic: 'phoenix',
      event: 'phx_reply',
      ref: '9',
      payload: { status: 'ok', response: {} },
    });
    ws!.close();
  });

  it('refuses a push to a channel the socket has not joined', async () => {
    const { ws } = await open(wsUrl({ apikey: stack.anonKey, vsn: '2.0.0' }));
    ws!.send(
      JSON.stringify(['1', '2', 'realtime:never-joined', 'broadcast', { type: 'broadcast', event: 'x', payload: {} }]),
    );
    const reply = await nextMessage(ws!);
    expect(reply.slice(2, 4)).toEqual(['realtime:never-joined', 'phx_reply']);
    expect(reply[4]).toEqual({ status: 'error', response: { reason: 'unmatched topic' } });
    ws!.close();
  });

  it('stops delivering to a channel after it leaves', async () => {
    const name = topic('rt-leave-');
    const got = new Inbox<any>();
    const leaver = (await make()).channel(name).on('broadcast', { event: 'e' }, got.push);
    const sender = (await make()).channel(name);
    await subscribe(leaver);
    await subscribe(sender);
    await sender.send({ type: 'broadcast', event: 'e', payload: { n: 1 } });
    await got.waitFor(1);
    expect(await leaver.unsubscribe()).toBe('ok');
    await sender.send({ type: 'broadcast', event: 'e', payload: { n: 2 } });
    await sleep(250);
    expect(got.items.map((m) => m.payload.n)).toEqual([1]);
  });
});
