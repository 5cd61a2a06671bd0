// The /realtime/v1 service: the Phoenix websocket at /websocket (what realtime-js connects to) and
// the HTTP broadcast endpoint at /api/broadcast. See README.md in this folder for the design.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import pg from 'pg';
import { WebSocketServer } from 'ws';
import { sendJson } from '../gateway/http.ts';
import { guardPoolClients } from '../postgres/pool.ts';
import type { Service, StackContext } from '../gateway/types.ts';
import { checkToken } from './claims.ts';
import { ChangeFeed } from './changes/feed.ts';
import { WalSlot } from './changes/wal.ts';
import { Connection } from './connection.ts';
import { DbBroadcasts } from './db-broadcast.ts';
import { handleHttpBroadcast } from './http-broadcast.ts';
import { Hub } from './hub.ts';
import type { Member } from './member.ts';
import type { Vsn } from './protocol.ts';
import type { Runtime } from './runtime.ts';

/** As Phoenix's websocket transport: a minute without any frame closes the socket. */
const IDLE_LIMIT_MS = 60_000;

function reject(socket: Duplex, status: number, text: string, body: unknown): void {
  const json = JSON.stringify(body);
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(json)}\r\nConnection: close\r\n\r\n${json}`,
  );
}

export async function create(ctx: StackContext): Promise<Service> {
  const log = (m: string) => ctx.log('realtime', m);
  const dbOpts: pg.ClientConfig = {
    host: '127.0.0.1',
    port: ctx.config.ports.db,
    database: 'postgres',
    user: 'postgres',
    password: 'postgres',
  };
  const pool = new pg.Pool({ ...dbOpts, max: 6, application_name: 'local-realtime' });
  guardPoolClients(pool, (m) => log(`pool: ${m}`));

  // A slot name per process: temporary slots die with their session, but a name clash with another
  // stack's live slot on a shared cluster would still fail, so include the pid.
  const slot = new WalSlot(dbOpts, `realtime_local_${process.pid}`);
  const hub = new Hub();
  // After a lost database connection comes back, channels that may have missed messages rejoin.
  const rejoin = (members: Member[]) => {
    for (const m of members) m.conn.fail(m);
  };
  const feed = new ChangeFeed(pool, slot, log, rejoin);
  const rt: Runtime = { hub, feed, pool, secret: ctx.config.jwtSecret, log };
  const dbBroadcasts = new DbBroadcasts(dbOpts, pool, hub, log, () => rejoin(hub.allMembers()));
  await dropStaleSlots(pool, log);
  await dbBroadcasts.start();

  const wss = new WebSocketServer({ noServer: true, maxPayload: 3 * 1024 * 1024 });
  const connections = new Set<Connection>();
  const idleSweep = setInterval(() => {
    for (const c of connections) if (c.closeIfIdle(IDLE_LIMIT_MS)) connections.delete(c);
  }, 15_000).unref();

  return {
    async handle(req: IncomingMessage, res: ServerResponse, path: string, url: URL) {
      if (req.method === 'POST' && (path === '/api/broadcast' || path.startsWith('/api/broadcast/'))) {
        return handleHttpBroadcast(rt, req, res, path, url);
      }
      if (req.method === 'GET' && path === '/api/ping') return sendJson(res, 200, { message: 'Success' });
      sendJson(res, 404, { message: 'Not found' });
    },

    upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, path: string, url: URL) {
      if (path !== '/websocket')
        return reject(socket, 404, 'Not Found', { message: 'no Route matched with those values' });
      const key = url.searchParams.get('apikey') ?? (req.headers.apikey as string | undefined);
      const checked = checkToken(key, ctx.config.jwtSecret);
      if (!checked.ok) return reject(socket, 401, 'Unauthorized', { error: checked.reason });
      const vsnParam = url.searchParams.get('vsn') ?? '1.0.0';
      if (vsnParam !== '1.0.0' && vsnParam !== '2.0.0')
        return reject(socket, 400, 'Bad Request', { error: `unsupported vsn ${vsnParam}` });
      const vsn: Vsn = vsnParam;
      wss.handleUpgrade(req, socket, head, (ws) => {
        const conn = new Connection(ws, vsn, checked.claims, rt);
        connections.add(conn);
        ws.once('close', () => connections.delete(conn));
      });
    },

    async close() {
      clearInterval(idleSweep);
      for (const client of wss.clients) client.terminate();
      wss.close();
      await feed.stop();
      await dbBroadcasts.stop();
      await pool.end().catch(() => {});
    },
  };
}

/** Slots a crashed run of ours left behind (inactive ones only: a live stack may share the cluster). */
async function dropStaleSlots(pool: pg.Pool, log: (m: string) => void): Promise<void> {
  const r = await pool.query<{ slot_name: string }>(
    `select slot_name from pg_replication_slots where slot_name like 'realtime\\_local\\_%' and not active`,
  );
  for (const { slot_name } of r.rows) {
    await pool.query('select pg_drop_replication_slot($1)', [slot_name]).catch(() => {});
    log(`dropped stale replication slot ${slot_name}`);
  }
}
