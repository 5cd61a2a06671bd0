// The error responses of the CLI's edge runtime main service (supabase/cli
// internal/functions/serve/templates/main.ts), so clients see the same shapes locally.
import type { ServerResponse } from 'node:http';
import { sendJson } from '../gateway/http.ts';

export function notFound(res: ServerResponse): void {
  // The CLI answers plain text here (the hosted platform answers JSON with code NOT_FOUND).
  res.writeHead(404, { 'content-type': 'text/plain' });
  res.end('Function not found');
}

export function unauthorized(res: ServerResponse, msg: string): void {
  sendJson(res, 401, { msg });
}

export function bootError(res: ServerResponse): void {
  sendJson(res, 503, { code: 'BOOT_ERROR', message: 'Worker failed to boot (please check logs)' });
}

export function workerError(res: ServerResponse): void {
  sendJson(res, 500, { code: 'WORKER_ERROR', message: 'Function exited due to an error (please check logs)' });
}

export function workerLimit(res: ServerResponse): void {
  sendJson(res, 546, {
    code: 'WORKER_LIMIT',
    message: 'Worker failed to respond due to a resource limit (please check logs)',
  });
}

export function tooLarge(res: ServerResponse): void {
  // Kong's request-size-limiting answer, which fronts functions on a hosted project.
  sendJson(res, 413, { message: 'Request size limit exceeded' }, { connection: 'close' });
}
