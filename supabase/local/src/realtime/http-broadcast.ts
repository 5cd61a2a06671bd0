// POST /api/broadcast {messages:[{topic, event, payload, private}]} → 202: what realtime-js httpSend()
// and server-side callers use. Private messages need the caller's write right on the topic
// (service_role bypasses RLS); messages the caller may not send are refused with 401.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { bearer, readBody, sendJson } from '../gateway/http.ts';
import { writeAccess } from './authz.ts';
import { checkToken, roleRefusal } from './claims.ts';
import type { BinaryBody } from './protocol.ts';
import type { Runtime } from './runtime.ts';

interface OutMessage {
  topic: string;
  event: string;
  payload?: unknown;
  private?: boolean;
}

/**
 * `path` is `/api/broadcast` (a list of messages) or `/api/broadcast/<topic>/events/<event>`
 * (httpSend: the body is the payload, `?private=true` for private channels).
 */
export async function handleHttpBroadcast(
  rt: Runtime,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  url: URL,
): Promise<void> {
  const token =
    bearer(req) ?? (req.headers.apikey as string | undefined) ?? url.searchParams.get('apikey') ?? undefined;
  const checked = checkToken(token, rt.secret);
  if (!checked.ok) return sendJson(res, 401, { error: checked.reason });
  const refused = roleRefusal(checked.claims);
  if (refused) return sendJson(res, 401, { error: `Unauthorized: ${refused}` });
  const one = /^\/api\/broadcast\/([^/]+)\/events\/([^/]+)$/.exec(path);
  if (one && [...url.searchParams.keys()].some((k) => k.startsWith('persist'))) {
    return sendJson(res, 422, {
      error: 'persisted broadcasts (replay) are not supported by the local realtime service',
    });
  }
  let messages: OutMessage[] | undefined;
  try {
    const raw = await readBody(req);
    if (one) {
      // httpSend sends ArrayBuffers as octet-stream; they travel on as binary (kind 4) broadcasts.
      const binary = String(req.headers['content-type'] ?? '').startsWith('application/octet-stream');
      const payload = binary
        ? ({ bytes: raw } satisfies BinaryBody)
        : raw.length
          ? JSON.parse(raw.toString('utf8'))
          : {};
      messages = [
        {
          topic: decodeURIComponent(one[1]),
          event: decodeURIComponent(one[2]),
          payload,
          private: url.searchParams.get('private') === 'true',
        },
      ];
    } else {
      messages = (JSON.parse(raw.toString('utf8') || '{}') as { messages?: OutMessage[] }).messages;
    }
  } catch {
    return sendJson(res, 400, { error: 'body is not JSON' });
  }
  if (!Array.isArray(messages) || messages.some((m) => typeof m?.topic !== 'string' || typeof m?.event !== 'string')) {
    return sendJson(res, 422, { error: 'messages must be a list of {topic, event, payload, private}' });
  }
  for (const m of messages) {
    if (m.private && !(await writeAccess(rt.pool, m.topic, checked.claims, 'broadcast'))) {
      return sendJson(res, 401, {
        error: `Unauthorized: You do not have permissions to write to this Channel topic: ${m.topic}`,
      });
    }
  }
  for (const m of messages) {
    rt.hub.broadcast(
      { isPrivate: m.private === true, subTopic: m.topic },
      { event: m.event, payload: m.payload ?? {} },
    );
  }
  res.writeHead(202, { 'content-length': '0' });
  res.end();
}
