// The rooms of this node: who is joined to which topic, broadcast fan-out and presence state.
// One process serves the whole local stack, so an in-memory map is the whole cluster.
import { randomUUID } from 'node:crypto';
import { encodeBinaryBroadcast, encodeText, isBinaryBody } from './protocol.ts';
import type { Frame } from './protocol.ts';
import { roomKey, type Member } from './member.ts';

type Meta = Record<string, unknown> & { phx_ref: string };

interface Room {
  members: Set<Member>;
  /** member id → its presence (one entry per tracked member). */
  presence: Map<string, { key: string; meta: Meta }>;
}

export class Hub {
  private rooms = new Map<string, Room>();

  join(m: Member): void {
    const key = roomKey(m);
    let room = this.rooms.get(key);
    if (!room) this.rooms.set(key, (room = { members: new Set(), presence: new Map() }));
    room.members.add(m);
  }

  leave(m: Member): void {
    const key = roomKey(m);
    const room = this.rooms.get(key);
    if (!room) return;
    // Out of the room first, so the leaving socket is not sent its own presence leave.
    room.members.delete(m);
    this.untrack(m);
    if (room.members.size === 0) this.rooms.delete(key);
  }

  /** Every joined channel of every socket (a copy: callers may make members leave while iterating). */
  allMembers(): Member[] {
    return [...this.rooms.values()].flatMap((r) => [...r.members]);
  }

  memberCount(): number {
    let n = 0;
    for (const r of this.rooms.values()) n += r.members.size;
    return n;
  }

  /**
   * Sends a broadcast to every member of a room. `except` is the sender when it did not ask for
   * `self`. The frame is encoded once per protocol version: broadcasts carry no join_ref.
   */
  broadcast(
    room: { isPrivate: boolean; subTopic: string },
    body: { event: string; payload: unknown; meta?: Record<string, unknown> },
    except?: Member,
  ): number {
    const r = this.rooms.get(roomKey(room));
    if (!r) return 0;
    const topic = `realtime:${room.subTopic}`;
    // Encoded once per protocol version and tagged text or binary, then written to every socket.
    const cache = new Map<string, { data: Buffer; text: boolean } | null>();
    const frameFor = (vsn: Member['conn']['vsn']): { data: Buffer; text: boolean } | null => {
      if (cache.has(vsn)) return cache.get(vsn)!;
      let out: { data: Buffer; text: boolean } | null;
      if (isBinaryBody(body.payload)) {
        // Raw bytes only have a wire form in 2.0.0 (kind 4); 1.0.0 clients cannot receive them.
        out =
          vsn === '2.0.0'
            ? { data: encodeBinaryBroadcast(topic, body.event, body.payload.bytes, body.meta), text: false }
            : null;
      } else {
        const inner: Record<string, unknown> = { type: 'broadcast', event: body.event, payload: body.payload };
        if (body.meta) inner.meta = body.meta;
        out = {
          data: Buffer.from(encodeText(vsn, { joinRef: null, ref: null, topic, event: 'broadcast', payload: inner })),
          text: true,
        };
      }
      cache.set(vsn, out);
      return out;
    };
    let sent = 0;
    for (const m of r.members) {
      if (m === except) continue;
      const frame = frameFor(m.conn.vsn);
      if (frame === null) continue;
      if (frame.text) m.conn.sendText(frame.data);
      else m.conn.sendBinary(frame.data);
      sent++;
    }
    return sent;
  }

  /** The presence_state payload a joining member receives. */
  presenceState(m: Member): Record<string, { metas: Meta[] }> {
    const r = this.rooms.get(roomKey(m));
    return r ? group([...r.presence.values()]) : {};
  }

  /** Tracks (or re-tracks) a member; pushes the diff to everyone in the room, the member included. */
  track(m: Member, payload: Record<string, unknown>): void {
    const r = this.rooms.get(roomKey(m));
    if (!r) return;
    const before = r.presence.get(m.id);
    const entry = {
      key: m.presenceKey,
      meta: { ...payload, phx_ref: randomUUID().replace(/-/g, '').slice(0, 20) } as Meta,
    };
    if (before) entry.meta.phx_ref_prev = before.meta.phx_ref;
    r.presence.set(m.id, entry);
    this.diff(m, group([entry]), before ? group([before]) : {});
  }

  untrack(m: Member): void {
    const r = this.rooms.get(roomKey(m));
    const before = r?.presence.get(m.id);
    if (!r || !before) return;
    r.presence.delete(m.id);
    this.diff(m, {}, group([before]));
  }

  private diff(m: Member, joins: Record<string, unknown>, leaves: Record<string, unknown>): void {
    const r = this.rooms.get(roomKey(m));
    if (!r) return;
    const payload = { joins, leaves };
    const text = new Map<string, string>();
    for (const other of r.members) {
      if (!other.presenceEnabled && other !== m) continue;
      const vsn = other.conn.vsn;
      if (!text.has(vsn))
        text.set(
          vsn,
          encodeText(vsn, {
            joinRef: null,
            ref: null,
            topic: m.topic,
            event: 'presence_diff',
            payload,
          } satisfies Frame),
        );
      other.conn.sendText(text.get(vsn)!);
    }
  }
}

function group(entries: Array<{ key: string; meta: Meta }>): Record<string, { metas: Meta[] }> {
  const out: Record<string, { metas: Meta[] }> = {};
  for (const e of entries) (out[e.key] ??= { metas: [] }).metas.push(e.meta);
  return out;
}
