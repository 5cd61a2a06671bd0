import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proxy } from './proxy.ts';

/** A stand-in function process and a front server proxying to it with the given limits. */
describe('proxy', () => {
  let fn: Server;
  let front: Server;
  let frontUrl = '';
  let failures: boolean[] = [];

  beforeAll(async () => {
    fn = createServer((req, res) => {
      if (req.url?.endsWith('/hang')) return; // never answers
      let size = 0;
      req.on('data', (c) => (size += c.length));
      req.on('end', () => res.end(JSON.stringify({ url: req.url, size, host: req.headers.host })));
    });
    await new Promise<void>((ok) => fn.listen(0, '127.0.0.1', () => ok()));
    const fnPort = (fn.address() as { port: number }).port;
    front = createServer(async (req, res) => {
      const port = req.url === '/dead' ? 1 : fnPort;
      const { failed } = await proxy(req, res, {
        port,
        target: '/echo' + req.url,
        maxBodyBytes: 1000,
        wallClockMs: 300,
      });
      failures.push(failed);
    });
    await new Promise<void>((ok) => front.listen(0, '127.0.0.1', () => ok()));
    frontUrl = `http://127.0.0.1:${(front.address() as { port: number }).port}`;
  });
  afterAll(() => {
    fn.closeAllConnections();
    front.closeAllConnections();
    fn.close();
    front.close();
  });

  it('forwards to the target path, keeping the Host header', async () => {
    const res = await fetch(frontUrl + '/x?y=1', { method: 'POST', body: 'hello' });
    expect(await res.json()).toEqual({ url: '/echo/x?y=1', size: 5, host: new URL(frontUrl).host });
  });

  it('refuses a declared body over the limit with 413 before contacting the function', async () => {
    const res = await fetch(frontUrl + '/big', { method: 'POST', body: new Uint8Array(1001) });
    expect(res.status).toBe(413);
  });

  it('refuses a streamed body that grows over the limit', async () => {
    const body = new ReadableStream({
      start(c) {
        for (let i = 0; i < 5; i++) c.enqueue(new Uint8Array(300));
        c.close();
      },
    });
    const res = await fetch(frontUrl + '/stream', { method: 'POST', body, duplex: 'half' } as RequestInit);
    expect(res.status).toBe(413);
  });

  it('answers 546 WORKER_LIMIT past the wall-clock limit', async () => {
    const res = await fetch(frontUrl + '/hang');
    expect(res.status).toBe(546);
    expect((await res.json()).code).toBe('WORKER_LIMIT');
  });

  it('answers 500 WORKER_ERROR and reports a failure when the process cannot be reached', async () => {
    failures = [];
    const res = await fetch(frontUrl + '/dead');
    expect(res.status).toBe(500);
    expect((await res.json()).code).toBe('WORKER_ERROR');
    expect(failures).toEqual([true]);
  });
});
