// The API gateway on the API port: what Kong does for `supabase start` — CORS, the apikey check, and
// routing /rest/v1, /auth/v1, /storage/v1, /functions/v1 and /realtime/v1 to their services.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { StackContext, Service } from './types.ts';
import { BODY_LIMITS, BodyTooLarge, refuseTooLarge, sendJson } from './http.ts';

const ALLOW_HEADERS = [
  'authorization',
  'apikey',
  'x-client-info',
  'content-type',
  'prefer',
  'accept-profile',
  'content-profile',
  'range',
  'x-upsert',
  'x-metadata',
  'cache-control',
  'x-supabase-api-version',
  'x-retry-count',
  'content-encoding',
  'x-region',
  'accept',
].join(', ');
const EXPOSE_HEADERS = [
  'Content-Range',
  'X-Total-Count',
  'Link',
  'X-Supabase-Api-Version',
  'Content-Profile',
  'Location',
  'ETag',
  'Content-Length',
  'Content-Type',
  'Content-Disposition',
].join(', ');

export interface Mount {
  prefix: string;
  service: Service;
  /** Whether Kong's key-auth applies: a valid `apikey` header or query parameter is required. */
  keyAuth: boolean | ((path: string) => boolean);
}

// As Kong's cors plugin answers for Supabase: any origin, but never with credentials. Reflecting the
// Origin with Allow-Credentials would let any site's scripts read answers to requests carrying the
// visitor's cookies; supabase-js sends its tokens in headers and never asks for credentials.
const CORS_HEADERS: Record<string, string> = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': EXPOSE_HEADERS,
};

function findMount(mounts: Mount[], pathname: string): { mount: Mount; path: string } | undefined {
  for (const mount of mounts) {
    if (pathname === mount.prefix || pathname.startsWith(mount.prefix + '/')) {
      return { mount, path: pathname.slice(mount.prefix.length) || '/' };
    }
  }
  return undefined;
}

const LIMIT_BY_PREFIX: Record<string, number> = { '/rest/v1': BODY_LIMITS.rest, '/auth/v1': BODY_LIMITS.auth };

/** A declared Content-Length over the mount's limit is refused before the service reads anything. */
function declaredTooLarge(req: IncomingMessage, prefix: string): number | undefined {
  const limit = LIMIT_BY_PREFIX[prefix];
  const declared = Number(req.headers['content-length'] ?? 0);
  return limit !== undefined && declared > limit ? limit : undefined;
}

export function createGateway(ctx: StackContext, mounts: Mount[]): Server {
  const validKeys = new Set([ctx.config.anonKey, ctx.config.serviceRoleKey]);

  const keyProblem = (req: IncomingMessage, url: URL): string | undefined => {
    const key = (req.headers.apikey as string | undefined) ?? url.searchParams.get('apikey') ?? undefined;
    if (!key) return 'No API key found in request';
    if (!validKeys.has(key)) return 'Invalid authentication credentials';
    return undefined;
  };

  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
    for (const [k, v] of Object.entries(CORS_HEADERS)) res.setHeader(k, v);
    if (req.method === 'OPTIONS') {
      res.writeHead(200, {
        'access-control-allow-methods': 'GET, HEAD, PUT, PATCH, POST, DELETE, OPTIONS',
        'access-control-allow-headers': (req.headers['access-control-request-headers'] as string) || ALLOW_HEADERS,
        'access-control-max-age': '3600',
        'content-length': '0',
      });
      res.end();
      return;
    }
    const found = findMount(mounts, url.pathname);
    if (!found) {
      sendJson(res, 404, { message: 'no Route matched with those values' });
      return;
    }
    const needsKey = typeof found.mount.keyAuth === 'function' ? found.mount.keyAuth(found.path) : found.mount.keyAuth;
    if (needsKey) {
      const problem = keyProblem(req, url);
      if (problem) {
        sendJson(res, 401, { message: problem });
        return;
      }
    }
    const limit = declaredTooLarge(req, found.mount.prefix);
    if (limit !== undefined) {
      refuseTooLarge(req, res, limit);
      return;
    }
    try {
      await found.mount.service.handle(req, res, found.path, url);
    } catch (e: any) {
      if (e instanceof BodyTooLarge && !res.headersSent) {
        refuseTooLarge(req, res, e.limit);
        return;
      }
      ctx.log('gateway', `unhandled error on ${req.method} ${url.pathname}: ${e?.stack ?? e}`);
      if (!res.headersSent)
        sendJson(res, 500, { message: 'An unexpected error occurred', error: String(e?.message ?? e) });
      else res.destroy();
    }
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
    const found = findMount(mounts, url.pathname);
    if (!found?.mount.service.upgrade) {
      socket.end(
        'HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\n\r\n{"message":"no Route matched with those values"}',
      );
      return;
    }
    found.mount.service.upgrade(req, socket, head, found.path, url);
  });
  server.keepAliveTimeout = 65_000;
  return server;
}
