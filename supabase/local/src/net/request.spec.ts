import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { perform } from './request.ts';

describe('perform', () => {
  let server: Server;
  let base = '';
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/slow') return void setTimeout(() => res.end('late'), 500);
      if (req.url === '/redirect') {
        res.writeHead(302, { location: '/elsewhere' });
        return void res.end();
      }
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        res.writeHead(201, { 'content-type': 'text/plain', 'x-seen': String(req.headers['x-test']) });
        res.end(`${req.method} ${body}`);
      });
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    return new Promise<void>((ok) => server.close(() => ok()));
  });

  it('records status, content type, headers and body text', async () => {
    const row = await perform({
      id: '1',
      method: 'POST',
      url: base + '/',
      headers: { 'x-test': 'yes' },
      body: Buffer.from('{"a":1}'),
      timeout_milliseconds: 2000,
    });
    expect(row).toMatchObject({
      id: '1',
      status_code: 201,
      content_type: 'text/plain',
      content: 'POST {"a":1}',
      timed_out: false,
      error_msg: null,
    });
    expect(row.headers?.['x-seen']).toBe('yes');
  });

  it('marks a request that outlives its timeout as timed out', async () => {
    const row = await perform({
      id: '2',
      method: 'GET',
      url: base + '/slow',
      headers: {},
      body: null,
      timeout_milliseconds: 100,
    });
    expect(row).toMatchObject({ status_code: null, timed_out: true });
    expect(row.error_msg).toMatch(/^Timeout of 100 ms reached/);
  });

  it('records a redirect instead of following it, as libcurl does by default', async () => {
    const row = await perform({
      id: '3',
      method: 'GET',
      url: base + '/redirect',
      headers: {},
      body: null,
      timeout_milliseconds: 2000,
    });
    expect(row.status_code).toBe(302);
    expect(row.headers?.location).toBe('/elsewhere');
  });
});
