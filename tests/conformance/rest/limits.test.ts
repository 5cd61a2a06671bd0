// Oversized and pathological requests get a 4xx with a JSON body, never a 5xx or a stuck connection.
// Raw sockets are used where keep-alive behaviour is the point (fetch hides the connection).
import { connect, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { stack } from '../../support/stack.ts';
import { rest } from './helpers.ts';

const MB = 1024 * 1024;

/** Collects what the server sends on `socket` until it closes or `ms` pass without a close. */
function readUntilClose(socket: Socket, ms: number): Promise<{ text: string; closed: boolean }> {
  return new Promise((resolve) => {
    let text = '';
    const timer = setTimeout(() => resolve({ text, closed: false }), ms);
    socket.on('data', (d) => (text += d.toString('latin1')));
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ text, closed: true });
    });
    socket.on('error', () => {});
  });
}

/** Sends an oversized POST (declared with Content-Length, or chunked) on a keep-alive connection. */
async function sendOversized(path: string, size: number, chunked: boolean) {
  const url = new URL(stack.url);
  const socket = connect(Number(url.port), url.hostname);
  await new Promise((ok) => socket.once('connect', ok));
  const reading = readUntilClose(socket, 10_000);
  const head = [
    `POST ${path} HTTP/1.1`,
    `Host: ${url.host}`,
    `apikey: ${stack.anonKey}`,
    'Content-Type: application/json',
    'Connection: keep-alive',
    chunked ? 'Transfer-Encoding: chunked' : `Content-Length: ${size}`,
  ].join('\r\n');
  socket.write(head + '\r\n\r\n');
  const block = Buffer.alloc(64 * 1024, 'a');
  for (let sent = 0; sent < size && !socket.destroyed; sent += block.length) {
    const part = chunked
      ? Buffer.concat([Buffer.from(`${block.length.toString(16)}\r\n`), block, Buffer.from('\r\n')])
      : block.subarray(0, Math.min(block.length, size - sent));
    if (!socket.write(part)) await new Promise((r) => (socket.once('drain', r), socket.once('close', r)));
  }
  if (chunked && !socket.destroyed) socket.write('0\r\n\r\n');
  const { text, closed } = await reading;
  socket.destroy();
  return { text, closed };
}

describe('rest and auth: request size limits', () => {
  for (const [name, path, size] of [
    ['rest', '/rest/v1/rpc/echo', 11 * MB],
    ['auth', '/auth/v1/signup', 2 * MB],
  ] as const) {
    for (const chunked of [false, true]) {
      it(`answers an oversized ${chunked ? 'chunked' : 'declared'} ${name} body with 413 and closes the connection`, async () => {
        const { text, closed } = await sendOversized(path, size, chunked);
        expect(text).toMatch(/^HTTP\/1\.1 (100 Continue\r\n\r\nHTTP\/1\.1 )?413 /);
        expect(text).toMatch(/\r\nconnection: close\r\n/i);
        expect(text).toContain('"message":"Request size limit exceeded"');
        // The server ends the connection instead of leaving a next request waiting behind the body.
        expect(closed).toBe(true);
      });
    }
  }

  it('still serves bodies under the limit on the same kind of request', async () => {
    const res = await rest('/rpc/echo', { method: 'POST', body: JSON.stringify({ payload: 'x'.repeat(MB) }) });
    expect(res.status).toBe(200);
    expect((await res.json()).length).toBe(MB);
  });
});

describe('rest: pathological input answers 400', () => {
  const nested = (depth: number, leaf: string, open: string, close: string) =>
    open.repeat(depth) + leaf + close.repeat(depth);

  it('refuses a JSON body nested 50,000 deep with PGRST102', async () => {
    const body = `{"payload":${nested(50_000, '1', '{"a":', '}')}}`;
    const res = await rest('/rpc/echo', { method: 'POST', body });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'PGRST102', message: 'Empty or invalid json' });
    const rows = await rest('/settings', { method: 'POST', body: nested(50_000, '[]', '[', ']') });
    expect(rows.status).toBe(400);
    expect((await rows.json()).code).toBe('PGRST102');
  });

  it('refuses deeply nested or/and trees and embeds with PGRST100', async () => {
    const tree = `(id.eq.1,${nested(1000, 'id.eq.2', 'and(id.eq.1,', ')')})`;
    const or = await rest(`/orgs?or=${encodeURIComponent(tree)}`);
    expect(or.status).toBe(400);
    expect(await or.json()).toMatchObject({ code: 'PGRST100', details: 'and/or nest deeper than 64 levels' });
    const select = `id,${nested(20, 'id', 'projects(orgs(', '))')}`;
    const embed = await rest(`/orgs?select=${encodeURIComponent(select)}`);
    expect(embed.status).toBe(400);
    expect((await embed.json()).code).toBe('PGRST100');
  });

  it('answers NUL bytes in names and values with 400', async () => {
    for (const q of ['select=a%00b:slug', 'select=slug->>a%00b', 'sl%00ug=eq.a', 'slug=eq.a%00b', 'columns=a%00']) {
      const res = await rest(`/orgs?${q}`);
      expect(res.status, q).toBe(400);
      expect(await res.json(), q).toHaveProperty('code');
    }
  });

  it('answers absurd limit, offset and array indexes with PGRST100', async () => {
    for (const q of [
      'offset=1e20',
      'offset=100000000000000000000',
      'limit=99999999999999999999',
      'select=slug->9999999999',
    ]) {
      const res = await rest(`/orgs?${q}`);
      expect(res.status, q).toBe(400);
      expect((await res.json()).code, q).toBe('PGRST100');
    }
  });

  it('answers a malformed PostGIS literal with 400', async () => {
    const filter = await rest('/places?location=eq.POINT(garbage');
    expect(filter.status).toBe(400);
    expect(await filter.json()).toMatchObject({ code: 'XX000', message: 'parse error - invalid geometry' });
    const insert = await rest('/places', {
      method: 'POST',
      body: JSON.stringify({ id: 990_001, name: 'bad', location: 'POINT(1' }),
    });
    expect(insert.status).toBe(400);
  });
});
