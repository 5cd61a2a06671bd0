import { describe, expect, it } from 'vitest';
import {
  decodeBinary,
  decodeText,
  encodeBinaryBroadcast,
  encodeText,
  isBinaryBody,
  ProtocolError,
} from './protocol.ts';

/** A kind-3 frame built the way realtime-js's serializer builds one. */
function push(
  parts: { joinRef: string; ref: string; topic: string; event: string; meta?: string },
  enc: number,
  payload: Buffer,
): Buffer {
  const strs = [parts.joinRef, parts.ref, parts.topic, parts.event, parts.meta ?? ''].map((s) =>
    Buffer.from(s, 'utf8'),
  );
  return Buffer.concat([Buffer.from([3, ...strs.map((s) => s.length), enc]), ...strs, payload]);
}

describe('realtime protocol', () => {
  it('decodes 2.0.0 text frames as arrays and 1.0.0 frames as objects', () => {
    expect(decodeText('2.0.0', '["1","2","realtime:a","phx_join",{"x":1}]')).toEqual({
      joinRef: '1',
      ref: '2',
      topic: 'realtime:a',
      event: 'phx_join',
      payload: { x: 1 },
    });
    expect(decodeText('1.0.0', '{"topic":"phoenix","event":"heartbeat","payload":{},"ref":"5"}')).toMatchObject({
      joinRef: null,
      ref: '5',
      topic: 'phoenix',
    });
  });

  it('rejects text frames of the wrong shape', () => {
    expect(() => decodeText('2.0.0', '{"topic":"a"}')).toThrow(ProtocolError);
    expect(() => decodeText('2.0.0', 'not json')).toThrow(ProtocolError);
    expect(() => decodeText('1.0.0', '[1,2,"t","e",{}]')).toThrow(ProtocolError);
  });

  it('decodes a kind-3 JSON broadcast push, multi-byte text included', () => {
    const f = decodeBinary(
      push({ joinRef: '4', ref: '9', topic: 'realtime:café', event: 'pâté' }, 1, Buffer.from('{"emoji":"🐾"}')),
    );
    expect(f).toEqual({
      joinRef: '4',
      ref: '9',
      topic: 'realtime:café',
      event: 'broadcast',
      payload: { type: 'broadcast', event: 'pâté', payload: { emoji: '🐾' } },
    });
  });

  it('keeps binary payloads as bytes and reads metadata', () => {
    const f = decodeBinary(
      push(
        { joinRef: '1', ref: '2', topic: 'realtime:b', event: 'blob', meta: '{"persist":true}' },
        0,
        Buffer.from([0, 255, 7]),
      ),
    );
    expect(isBinaryBody(f.payload.payload)).toBe(true);
    expect([...f.payload.payload.bytes]).toEqual([0, 255, 7]);
    expect(f.payload.meta).toEqual({ persist: true });
  });

  it('rejects truncated frames and unknown kinds', () => {
    const whole = push({ joinRef: '1', ref: '2', topic: 'realtime:b', event: 'e' }, 1, Buffer.from('{}'));
    expect(() => decodeBinary(whole.subarray(0, 10))).toThrow(ProtocolError);
    expect(() => decodeBinary(Buffer.from([4, 0, 0, 0, 0, 0, 1]))).toThrow(ProtocolError);
  });

  it('encodes kind-4 broadcasts in the layout realtime-js decodes', () => {
    const buf = encodeBinaryBroadcast('realtime:t', 'ev', Buffer.from([1, 2]), { id: 'x' });
    const meta = Buffer.from('{"id":"x"}');
    expect([...buf.subarray(0, 5)]).toEqual([4, 10, 2, meta.length, 0]);
    expect(buf.subarray(5, 15).toString()).toBe('realtime:t');
    expect(buf.subarray(15, 17).toString()).toBe('ev');
    expect(buf.subarray(17, 17 + meta.length).toString()).toBe('{"id":"x"}');
    expect([...buf.subarray(17 + meta.length)]).toEqual([1, 2]);
  });

  it('encodes replies per protocol version', () => {
    const f = { joinRef: '1', ref: '2', topic: 't', event: 'phx_reply', payload: { status: 'ok' } };
    expect(JSON.parse(encodeText('2.0.0', f))).toEqual(['1', '2', 't', 'phx_reply', { status: 'ok' }]);
    expect(JSON.parse(encodeText('1.0.0', f))).toEqual({
      join_ref: '1',
      ref: '2',
      topic: 't',
      event: 'phx_reply',
      payload: { status: 'ok' },
    });
  });
});
