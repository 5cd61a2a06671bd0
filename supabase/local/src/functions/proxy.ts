// Streams a request to a function process and its response back, both ways without buffering,
// so large uploads and server-sent events pass through as they would on the edge runtime.
import { request, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { answerAfterDraining } from '../gateway/http.ts';
import { tooLarge, workerError, workerLimit } from './errors.ts';

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
]);

function endToEnd(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const out: IncomingHttpHeaders = {};
  for (const [k, v] of Object.entries(headers)) if (!HOP_BY_HOP.has(k) && v !== undefined) out[k] = v;
  return out;
}

export interface ProxyOptions {
  port: number;
  /** What the function sees as its path and query: `/<name>/rest?query`. */
  target: string;
  maxBodyBytes: number;
  wallClockMs: number;
}

/** Resolves once the exchange is over; `failed` is true when the process itself broke. */
export function proxy(req: IncomingMessage, res: ServerResponse, opts: ProxyOptions): Promise<{ failed: boolean }> {
  return new Promise((resolve) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > opts.maxBodyBytes) {
      answerAfterDraining(req, () => tooLarge(res));
      return resolve({ failed: false });
    }

    let failed = false;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve({ failed });
    };

    const upstream = request({
      host: '127.0.0.1',
      port: opts.port,
      method: req.method,
      path: opts.target,
      headers: endToEnd(req.headers),
    });

    // The edge runtime's wall-clock limit: past it the request is abandoned with WORKER_LIMIT.
    const timer = setTimeout(() => {
      if (!res.headersSent) workerLimit(res);
      else res.destroy();
      upstream.destroy();
      finish();
    }, opts.wallClockMs);

    let received = 0;
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > opts.maxBodyBytes) {
        req.unpipe(upstream);
        upstream.destroy();
        if (!res.headersSent) tooLarge(res);
        req.resume();
        finish();
      }
    });
    req.pipe(upstream);

    upstream.on('response', (up) => {
      res.writeHead(up.statusCode ?? 502, up.statusMessage, endToEnd(up.headers));
      up.pipe(res);
      up.on('error', () => res.destroy());
    });
    upstream.on('error', () => {
      if (done) return;
      failed = true;
      if (!res.headersSent) workerError(res);
      else res.destroy();
      finish();
    });
    // A client that goes away (a closed event stream) releases the function's side too.
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
      finish();
    });
  });
}
