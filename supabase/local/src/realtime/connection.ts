// One websocket: decodes frames, and runs the channel lifecycle — join (with private-channel
// authorisation and postgres_changes), leave, heartbeat, access_token refresh and expiry,
// broadcast and presence.
import { randomUUID } from 'node:crypto';
import type { WebSocket } from 'ws';
import { checkToken, roleRefusal, secondsLeft, type Claims } from './claims.ts';
import { readAccess, writeAccess, type Extension } from './authz.ts';
import { BindingError, nextBindingId, resolveBindings } from './changes/bindings.ts';
import { decodeBinary, decodeText, encodeText, ProtocolError, type Frame, type Vsn } from './protocol.ts';
import type { Conn, Member } from './member.ts';
import type { Runtime } from './runtime.ts';

/** Timers cannot wait longer than ~24.8 days; tokens rarely live that long, so re-check then. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export class Connection implements Conn {
  readonly vsn: Vsn;
  private ws: WebSocket;
  private rt: Runtime;
  /** The socket's apikey claims: the identity of joins that carry no access_token. */
  private keyClaims: Claims;
  private channels = new Map<string, Member>();
  /** Frames are handled one after another, so a leave or push never overtakes a join still checking rights. */
  private queue: Promise<void> = Promise.resolve();
  private closed = false;
  private lastSeen = Date.now();

  constructor(ws: WebSocket, vsn: Vsn, keyClaims: Claims, rt: Runtime) {
    this.ws = ws;
    this.vsn = vsn;
    this.keyClaims = keyClaims;
    this.rt = rt;
    ws.on('message', (data, isBinary) => {
      this.lastSeen = Date.now();
      const buf = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
      this.queue = this.queue.then(() => this.onFrame(buf, isBinary));
    });
    ws.on('close', () => {
      this.closed = true;
      for (const m of this.channels.values()) this.dropMember(m);
      this.channels.clear();
    });
  }

  /**
   * Phoenix drops a socket that has sent nothing (not even a heartbeat, every 25 s from realtime-js)
   * for a minute: the client is gone without a TCP close, and its presence must leave.
   */
  closeIfIdle(limitMs: number): boolean {
    if (Date.now() - this.lastSeen < limitMs) return false;
    this.ws.terminate();
    return true;
  }

  sendText(text: string | Buffer): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(text, { binary: false });
  }

  sendBinary(buf: Buffer): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(buf, { binary: true });
  }

  /**
   * What backs the channel was lost (the database went away and came back): as when a Phoenix
   * channel process crashes, phx_error ends it on the server and realtime-js rejoins by itself.
   */
  fail(m: Member): void {
    if (this.channels.get(m.topic) !== m) return;
    this.push({ joinRef: m.joinRef, ref: m.joinRef, topic: m.topic, event: 'phx_error', payload: {} });
    this.dropMember(m);
    this.channels.delete(m.topic);
  }

  private push(f: Frame): void {
    if (process.env.REALTIME_DEBUG) this.rt.log(`-> ${JSON.stringify(f)}`);
    this.sendText(encodeText(this.vsn, f));
  }

  private reply(f: Frame, status: 'ok' | 'error', response: unknown, joinRef = f.joinRef): void {
    this.push({ joinRef, ref: f.ref, topic: f.topic, event: 'phx_reply', payload: { status, response } });
  }

  private async onFrame(buf: Buffer, isBinary: boolean): Promise<void> {
    let f: Frame;
    try {
      f = isBinary ? decodeBinary(buf) : decodeText(this.vsn, buf.toString('utf8'));
    } catch (e) {
      this.rt.log(`dropping malformed frame: ${e instanceof ProtocolError ? e.message : e}`);
      return;
    }
    if (process.env.REALTIME_DEBUG) this.rt.log(`<- ${JSON.stringify(f)}`);
    try {
      await this.route(f);
    } catch (e: any) {
      this.rt.log(`error handling ${f.event} on ${f.topic}: ${e?.stack ?? e}`);
      if (f.ref) this.reply(f, 'error', { reason: 'Internal error' });
    }
  }

  private async route(f: Frame): Promise<void> {
    if (f.topic === 'phoenix' && f.event === 'heartbeat') return this.reply(f, 'ok', {});
    if (f.event === 'phx_join') return this.join(f);
    const m = this.channels.get(f.topic);
    // A push for a channel this socket has not joined (or a stale join_ref) is refused as Phoenix does.
    if (!m || (f.joinRef && f.joinRef !== m.joinRef)) {
      if (f.ref) this.reply(f, 'error', { reason: 'unmatched topic' });
      return;
    }
    switch (f.event) {
      case 'phx_leave':
        this.reply(f, 'ok', {});
        this.close(m);
        return;
      case 'access_token':
        return this.refreshToken(m, f);
      case 'broadcast':
        return this.broadcast(m, f);
      case 'presence':
        return this.presence(m, f);
      default:
        if (f.ref) this.reply(f, 'error', { reason: `unknown event ${f.event}` });
    }
  }

  private async join(f: Frame): Promise<void> {
    if (!f.topic.startsWith('realtime:')) return this.reply(f, 'error', { reason: 'unmatched topic' });
    const subTopic = f.topic.slice('realtime:'.length);
    const config = (f.payload?.config ?? {}) as Record<string, any>;
    const previous = this.channels.get(f.topic);
    if (previous) this.close(previous);

    let claims = this.keyClaims;
    const token = f.payload?.access_token;
    if (typeof token === 'string' && !token.startsWith('sb_')) {
      const checked = checkToken(token, this.rt.secret);
      if (!checked.ok) return this.reply(f, 'error', { reason: checked.reason });
      claims = checked.claims;
    }
    if (secondsLeft(claims) <= 0)
      return this.reply(f, 'error', {
        reason: `InvalidJWTToken: Token has expired ${-secondsLeft(claims)} seconds ago`,
      });

    const isPrivate = config.private === true;
    const refused = roleRefusal(claims);
    if (refused) {
      // A private channel answers as any refused read does; a public one names the role, as REST would.
      const reason = isPrivate ? unauthorizedRead(subTopic) : `Unauthorized: ${refused}`;
      return this.reply(f, 'error', { reason });
    }
    if (isPrivate) {
      let access: Record<Extension, boolean>;
      try {
        access = await readAccess(this.rt.pool, subTopic, claims);
      } catch (e: any) {
        this.rt.log(`private channel read check failed: ${e?.message ?? e}`);
        // The database is away (a restart): say so, and realtime-js retries the join with backoff.
        if (isConnectionError(e)) return this.reply(f, 'error', { reason: UNREACHABLE });
        access = { broadcast: false, presence: false };
      }
      if (!access.broadcast && !access.presence) {
        return this.reply(f, 'error', { reason: unauthorizedRead(subTopic) });
      }
    }

    const requested = Array.isArray(config.postgres_changes)
      ? (config.postgres_changes as Array<Record<string, any>>)
      : [];
    let pgError: string | null = null;
    let bindings: Member['pgBindings'] = [];
    try {
      bindings = await resolveBindings(this.rt.pool, requested);
    } catch (e: any) {
      if (!(e instanceof BindingError)) {
        if (isConnectionError(e)) return this.reply(f, 'error', { reason: UNREACHABLE });
        throw e;
      }
      pgError = e.message;
    }

    const presence = config.presence ?? {};
    const m: Member = {
      id: randomUUID(),
      conn: this,
      topic: f.topic,
      subTopic,
      isPrivate,
      joinRef: f.joinRef ?? f.ref ?? '',
      self: config.broadcast?.self === true,
      ack: config.broadcast?.ack === true,
      presenceKey: typeof presence.key === 'string' && presence.key !== '' ? presence.key : randomUUID(),
      presenceEnabled: presence.enabled === true,
      claims,
      writeAllowed: new Map(),
      pgBindings: pgError ? [] : bindings,
    };
    if (this.closed) return;
    this.channels.set(f.topic, m);
    this.rt.hub.join(m);
    try {
      await this.rt.feed.add(m);
    } catch (e: any) {
      // No replication slot (e.g. wal_level is not logical): the join fails rather than go quiet.
      this.rt.log(`postgres_changes unavailable: ${e?.message ?? e}`);
      this.dropMember(m);
      this.channels.delete(f.topic);
      return this.reply(f, 'error', { reason: `Unable to subscribe to changes: ${e?.message ?? e}` });
    }
    if (this.closed) return this.dropMember(m);
    this.armExpiry(m);

    // A refused list is still echoed (as Supabase does: the subscription fails after the join), so the
    // client keeps the channel long enough to receive the system error that explains why.
    const pgReply = pgError
      ? requested.map((r) => ({ ...r, id: nextBindingId() }))
      : bindings.map((b) => ({ ...b.requested, id: b.id }));
    this.reply(f, 'ok', { postgres_changes: pgReply });
    if (m.presenceEnabled)
      this.push({
        joinRef: m.joinRef,
        ref: null,
        topic: m.topic,
        event: 'presence_state',
        payload: this.rt.hub.presenceState(m),
      });
    if (pgError) {
      this.system(m, 'error', 'postgres_changes', pgError);
      this.close(m);
    } else if (bindings.length) {
      this.system(m, 'ok', 'postgres_changes', 'Subscribed to PostgreSQL');
    }
  }

  private system(m: Member, status: 'ok' | 'error', extension: string, message: string): void {
    this.push({
      joinRef: m.joinRef,
      ref: null,
      topic: m.topic,
      event: 'system',
      payload: { message, status, extension, channel: m.subTopic },
    });
  }

  /** Ends a channel from the server side (leave, expiry, lost rights): phx_close, then forget it. */
  private close(m: Member): void {
    this.push({ joinRef: m.joinRef, ref: m.joinRef, topic: m.topic, event: 'phx_close', payload: {} });
    this.dropMember(m);
    if (this.channels.get(m.topic) === m) this.channels.delete(m.topic);
  }

  private dropMember(m: Member): void {
    if (m.expiryTimer) clearTimeout(m.expiryTimer);
    this.rt.feed.remove(m);
    this.rt.hub.leave(m);
  }

  private armExpiry(m: Member): void {
    if (m.expiryTimer) clearTimeout(m.expiryTimer);
    if (typeof m.claims.exp !== 'number') return;
    const ms = Math.max(0, m.claims.exp * 1000 - Date.now());
    m.expiryTimer = setTimeout(
      () => {
        if (this.channels.get(m.topic) !== m) return;
        if (secondsLeft(m.claims) > 0) return this.armExpiry(m);
        this.system(m, 'error', 'system', `Token has expired ${-secondsLeft(m.claims)} seconds ago`);
        this.close(m);
      },
      Math.min(ms, MAX_TIMER_MS),
    );
  }

  /** A new JWT for the channel: re-check it (and private-channel rights), then adopt its claims. */
  private async refreshToken(m: Member, f: Frame): Promise<void> {
    const token = f.payload?.access_token;
    if (typeof token !== 'string' || token.startsWith('sb_')) return;
    const checked = checkToken(token, this.rt.secret);
    if (!checked.ok) {
      this.system(m, 'error', 'system', checked.reason);
      return this.close(m);
    }
    if (JSON.stringify(checked.claims) === JSON.stringify(m.claims)) return;
    const refused = roleRefusal(checked.claims);
    if (refused) {
      this.system(m, 'error', 'system', m.isPrivate ? unauthorizedRead(m.subTopic) : `Unauthorized: ${refused}`);
      return this.close(m);
    }
    if (m.isPrivate) {
      const access = await readAccess(this.rt.pool, m.subTopic, checked.claims).catch(() => ({
        broadcast: false,
        presence: false,
      }));
      if (!access.broadcast && !access.presence) {
        this.system(m, 'error', 'system', unauthorizedRead(m.subTopic));
        return this.close(m);
      }
    }
    // Rights are re-evaluated with the new claims on the next write and for the next change.
    m.claims = checked.claims;
    m.writeAllowed.clear();
    this.armExpiry(m);
  }

  private canWrite(m: Member, extension: Extension): Promise<boolean> {
    if (!m.isPrivate) return Promise.resolve(true);
    let p = m.writeAllowed.get(extension);
    if (!p) {
      p = writeAccess(this.rt.pool, m.subTopic, m.claims, extension).catch((e) => {
        this.rt.log(`private channel write check failed: ${e?.message ?? e}`);
        return false;
      });
      m.writeAllowed.set(extension, p);
    }
    return p;
  }

  private async broadcast(m: Member, f: Frame): Promise<void> {
    const body = f.payload ?? {};
    if (!(await this.canWrite(m, 'broadcast'))) {
      if (m.ack && f.ref)
        this.reply(f, 'error', {
          reason: `Unauthorized: You do not have permissions to write to this Channel topic: ${m.subTopic}`,
        });
      return;
    }
    this.rt.hub.broadcast(m, { event: String(body.event ?? ''), payload: body.payload }, m.self ? undefined : m);
    if (m.ack && f.ref) this.reply(f, 'ok', {});
  }

  private async presence(m: Member, f: Frame): Promise<void> {
    const body = f.payload ?? {};
    if (!(await this.canWrite(m, 'presence'))) {
      if (f.ref)
        this.reply(f, 'error', {
          reason: `Unauthorized: You do not have permissions to track presence on this Channel topic: ${m.subTopic}`,
        });
      return;
    }
    if (body.event === 'track') {
      const payload = body.payload && typeof body.payload === 'object' ? body.payload : {};
      this.rt.hub.track(m, payload);
    } else if (body.event === 'untrack') {
      this.rt.hub.untrack(m);
    } else {
      if (f.ref) this.reply(f, 'error', { reason: `unknown presence event ${body.event}` });
      return;
    }
    if (f.ref) this.reply(f, 'ok', {});
  }
}

function unauthorizedRead(subTopic: string): string {
  return `Unauthorized: You do not have permissions to read from this Channel topic: ${subTopic}`;
}

const UNREACHABLE = 'UnableToConnectToProject: Realtime was unable to connect to the project database';

/**
 * A lost or refused connection (a socket error, SQLSTATE class 08 or 57P: shutting down, starting up),
 * as opposed to an answer from SQL or a bug.
 */
function isConnectionError(e: { code?: unknown; message?: unknown } | null | undefined): boolean {
  const code = typeof e?.code === 'string' ? e.code : '';
  if (code.startsWith('08') || code.startsWith('57P') || /^E[A-Z]+$/.test(code)) return true;
  return code === '' && /connect|terminat|Connection|ECONN/i.test(String(e?.message ?? ''));
}
