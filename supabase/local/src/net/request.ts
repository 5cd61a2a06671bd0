// Performs one queued pg_net request and describes the outcome as a net._http_response row.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface QueuedRequest {
  id: string;
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  headers: Record<string, unknown>;
  body: Buffer | null;
  timeout_milliseconds: number;
}

export interface ResponseRow {
  id: string;
  status_code: number | null;
  content_type: string | null;
  headers: Record<string, string> | null;
  content: string | null;
  timed_out: boolean;
  error_msg: string | null;
}

/** curl's wording for the failures pg_net reports most, so error_msg reads as it does on Supabase. */
function describe(e: unknown): string {
  const err = e as { code?: string; message?: string };
  switch (err?.code) {
    case 'ECONNREFUSED':
      return "Couldn't connect to server";
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return "Couldn't resolve host name";
    case 'ECONNRESET':
      return 'Server returned nothing (no headers, no data)';
    case 'ERR_INVALID_URL':
      return 'URL using bad/illegal format or missing URL';
  }
  return err?.message ?? String(e);
}

/**
 * node:http rather than fetch: like libcurl it sends any header (Host included), reaches any port
 * (fetch refuses "bad ports" such as 6000), and leaves redirects alone.
 */
function send(
  req: QueuedRequest,
  signal: AbortSignal,
): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const url = new URL(req.url);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers ?? {})) if (v !== null && v !== undefined) headers[k] = String(v);
    const body = req.method === 'GET' || req.body === null ? undefined : req.body;
    // Node frames DELETE bodies only when their length is declared (no chunking for DELETE).
    if (body && !Object.keys(headers).some((k) => k.toLowerCase() === 'content-length'))
      headers['Content-Length'] = String(body.length);
    const call = (url.protocol === 'https:' ? httpsRequest : httpRequest)(
      url,
      { method: req.method, headers, signal },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const flat: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers))
            if (v !== undefined) flat[k] = Array.isArray(v) ? v.join(', ') : v;
          resolve({ status: res.statusCode ?? 0, headers: flat, body: Buffer.concat(chunks) });
        });
        res.on('error', reject);
      },
    );
    call.on('error', reject);
    call.end(body);
  });
}

export async function perform(req: QueuedRequest, now = () => performance.now()): Promise<ResponseRow> {
  const started = now();
  // One deadline for the whole exchange, connection to last byte, as pg_net's timeout.
  const signal = AbortSignal.timeout(req.timeout_milliseconds);
  try {
    const res = await send(req, signal);
    return {
      id: req.id,
      status_code: res.status,
      content_type: res.headers['content-type'] ?? null,
      headers: res.headers,
      // Postgres text cannot hold NUL; pg_net would not store a binary body faithfully either.
      content: new TextDecoder('utf-8').decode(res.body).replaceAll('\u0000', ''),
      timed_out: false,
      error_msg: null,
    };
  } catch (e) {
    const timedOut = signal.aborted;
    return {
      id: req.id,
      status_code: null,
      content_type: null,
      headers: null,
      content: null,
      timed_out: timedOut,
      error_msg: timedOut
        ? `Timeout of ${req.timeout_milliseconds} ms reached. Total time: ${(now() - started).toFixed(3)} ms`
        : describe(e),
    };
  }
}
