// One joined channel of one socket: what the hub, presence and the change feed need to know about it.
import type { Claims } from './claims.ts';
import type { Vsn } from './protocol.ts';
import type { PgBinding } from './changes/bindings.ts';

export interface Conn {
  vsn: Vsn;
  /** A text frame; a Buffer holds UTF-8 already encoded (shared by every recipient of a fan-out). */
  sendText(text: string | Buffer): void;
  sendBinary(buf: Buffer): void;
  /** Ends one of this socket's channels with phx_error, so the client rejoins it. */
  fail(m: Member): void;
}

export interface Member {
  /** Unique per join; presence uses it to find this member's entry. */
  id: string;
  conn: Conn;
  /** The topic as the client names it (`realtime:room:1`). */
  topic: string;
  /** The topic without the `realtime:` prefix, as policies and realtime.send see it. */
  subTopic: string;
  isPrivate: boolean;
  joinRef: string;
  self: boolean;
  ack: boolean;
  presenceKey: string;
  presenceEnabled: boolean;
  claims: Claims;
  /** Cached write decisions of private channels, per extension (first broadcast / first track). */
  writeAllowed: Map<'broadcast' | 'presence', Promise<boolean>>;
  pgBindings: PgBinding[];
  expiryTimer?: NodeJS.Timeout;
}

/** Public and private channels of the same name are separate rooms, as in Supabase. */
export function roomKey(m: Pick<Member, 'isPrivate' | 'subTopic'>): string {
  return `${m.isPrivate ? 'private' : 'public'}:${m.subTopic}`;
}
