// Phoenix channel framing as realtime-js speaks it. vsn 2.0.0: text frames are JSON arrays
// [join_ref, ref, topic, event, payload], and broadcasts may travel as binary frames (kind 3 from the
// client, kind 4 to the client). vsn 1.0.0: text frames are JSON objects.

export type Vsn = '1.0.0' | '2.0.0';

export interface Frame {
  joinRef: string | null;
  ref: string | null;
  topic: string;
  event: string;
  payload: any;
}

/** A broadcast body whose payload is raw bytes (binary encoding) rather than JSON. */
export interface BinaryBody {
  bytes: Buffer;
}

const KIND_PUSH = 3;
const KIND_BROADCAST = 4;
const ENC_BINARY = 0;
const ENC_JSON = 1;

export class ProtocolError extends Error {}

export function decodeText(vsn: Vsn, text: string): Frame {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ProtocolError('frame is not JSON');
  }
  if (vsn === '2.0.0') {
    if (!Array.isArray(raw) || raw.length !== 5)
      throw new ProtocolError('expected [join_ref, ref, topic, event, payload]');
    const [joinRef, ref, topic, event, payload] = raw;
    return checked({ joinRef, ref, topic, event, payload });
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    throw new ProtocolError('expected a message object');
  const o = raw as Record<string, unknown>;
  return checked({
    joinRef: o.join_ref as any,
    ref: o.ref as any,
    topic: o.topic as any,
    event: o.event as any,
    payload: o.payload,
  });
}

function checked(f: Frame): Frame {
  if (typeof f.topic !== 'string' || typeof f.event !== 'string')
    throw new ProtocolError('topic and event must be strings');
  return { ...f, joinRef: f.joinRef == null ? null : String(f.joinRef), ref: f.ref == null ? null : String(f.ref) };
}

/**
 * Decodes a kind-3 "user broadcast push" into the same shape a JSON broadcast push has:
 * event 'broadcast', payload {type, event, payload, meta?}. Binary payloads stay as bytes.
 */
export function decodeBinary(buf: Buffer): Frame {
  if (buf.length < 7 || buf[0] !== KIND_PUSH) throw new ProtocolError(`unsupported binary frame kind ${buf[0]}`);
  const lens = [buf[1], buf[2], buf[3], buf[4], buf[5]];
  const enc = buf[6];
  let at = 7;
  const parts: string[] = [];
  for (const n of lens) {
    if (at + n > buf.length) throw new ProtocolError('binary frame is truncated');
    parts.push(buf.subarray(at, at + n).toString('utf8'));
    at += n;
  }
  const [joinRef, ref, topic, event, meta] = parts;
  const body = buf.subarray(at);
  let payload: unknown;
  if (enc === ENC_JSON) {
    try {
      payload = JSON.parse(body.toString('utf8'));
    } catch {
      throw new ProtocolError('binary frame payload is not JSON');
    }
  } else if (enc === ENC_BINARY) {
    payload = { bytes: Buffer.from(body) } satisfies BinaryBody;
  } else {
    throw new ProtocolError(`unknown payload encoding ${enc}`);
  }
  const inner: Record<string, unknown> = { type: 'broadcast', event, payload };
  if (meta) {
    try {
      inner.meta = JSON.parse(meta);
    } catch {
      throw new ProtocolError('binary frame metadata is not JSON');
    }
  }
  return { joinRef: joinRef || null, ref: ref || null, topic, event: 'broadcast', payload: inner };
}

export function isBinaryBody(v: unknown): v is BinaryBody {
  return typeof v === 'object' && v !== null && Buffer.isBuffer((v as BinaryBody).bytes);
}

export function encodeText(vsn: Vsn, f: Frame): string {
  if (vsn === '2.0.0') return JSON.stringify([f.joinRef, f.ref, f.topic, f.event, f.payload]);
  return JSON.stringify({ join_ref: f.joinRef, ref: f.ref, topic: f.topic, event: f.event, payload: f.payload });
}

/** A kind-4 frame: how a broadcast with a binary payload reaches 2.0.0 clients. */
export function encodeBinaryBroadcast(
  topic: string,
  event: string,
  bytes: Buffer,
  meta?: Record<string, unknown>,
): Buffer {
  const t = Buffer.from(topic, 'utf8');
  const e = Buffer.from(event, 'utf8');
  const m = Buffer.from(meta && Object.keys(meta).length ? JSON.stringify(meta) : '', 'utf8');
  if (t.length > 255 || e.length > 255 || m.length > 255)
    throw new ProtocolError('topic, event or meta longer than 255 bytes');
  return Buffer.concat([Buffer.from([KIND_BROADCAST, t.length, e.length, m.length, ENC_BINARY]), t, e, m, bytes]);
}
