// Small HTTP helpers shared by the services.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The largest bodies the gateway lets through to each service, as Kong's request-size-limiting plugin does. */
export const BODY_LIMITS = { rest: 10 * 1024 * 1024, auth: 1024 * 1024 } as const;

export class BodyTooLarge extends Error {
  readonly limit: number;
  constructor(limit: number) {
    super(`request body larger than ${limit} bytes`);
    this.limit = limit;
  }
}

/**
 * Reads the whole request body (up to `limit` bytes). Past the limit it rejects but keeps reading and
 * discarding, so the client can finish sending and read the 413 instead of meeting a reset.
 */
export function readBody(req: IncomingMessage, limit = BODY_LIMITS.rest): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        reject(new BodyTooLarge(limit));
      } else chunks.push(chunk);
    });
    req.on('end', () => {
      if (!over) resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

/** How long an oversized body is read and thrown away before the 413 goes out regardless. */
const LINGER_MS = 5000;

/**
 * Answers 413 and closes the connection. The rest of the body is read and discarded first (as nginx's
 * lingering close does): closing a socket with unread data sends a reset, and the client would lose
 * the answer; answering on a keep-alive connection with the body unread would stall the next request.
 */
export function refuseTooLarge(req: IncomingMessage, res: ServerResponse, limit: number): void {
  answerAfterDraining(req, () => {
    if (res.headersSent || res.destroyed) return;
    res.shouldKeepAlive = false;
    const body = JSON.stringify({ message: 'Request size limit exceeded', limit_bytes: limit });
    res.writeHead(413, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(Buffer.byteLength(body)),
      connection: 'close',
    });
    res.end(body);
  });
}

/** Calls `answer` once the request body has been read and discarded, or after LINGER_MS regardless. */
export function answerAfterDraining(req: IncomingMessage, answer: () => void): void {
  let answered = false;
  const once = () => {
    if (answered) return;
    answered = true;
    clearTimeout(timer);
    answer();
  };
  const timer = setTimeout(once, LINGER_MS);
  if (req.complete) return once();
  req.once('end', once);
  req.once('error', once);
  req.resume();
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(text);
}

/** The bearer token of a request, if any. */
export function bearer(req: IncomingMessage): string | undefined {
  const h = req.headers.authorization;
  if (!h) return undefined;
  const m = /^bearer\s+(.+)$/i.exec(h.trim());
  return m ? m[1].trim() : undefined;
}
