import { describe, expect, it } from 'vitest';
import { createOutbox, memoryOutboxStore, MAX_QUEUED_POSITIONS, type DriveOp, type SendOutcome } from './outbox.ts';

function harness(answer: (op: DriveOp) => SendOutcome | Promise<SendOutcome>) {
  const sent: DriveOp[] = [];
  let n = 0;
  let t = 1_000;
  const store = memoryOutboxStore();
  const outbox = createOutbox({
    store,
    send: async (op) => {
      const a = await answer(op);
      if (a.kind !== 'offline') sent.push(op);
      return a;
    },
    newId: () => `op-${++n}`,
    now: () => t++,
  });
  return { outbox, sent, store };
}

describe('the drive outbox', () => {
  it('sends a tap at once when the network is there', async () => {
    const { outbox, sent } = harness(() => ({ kind: 'sent', result: { ok: true } }));
    expect(await outbox.submit('stop', { stop_id: 's1', action: 'arrived' })).toEqual({
      kind: 'sent',
      result: { ok: true },
    });
    expect(sent.map((o) => o.id)).toEqual(['op-1']);
    expect(outbox.snapshot().pending).toEqual([]);
  });

  it('keeps taps made offline and replays them once, in order, with their ids', async () => {
    let online = false;
    const { outbox, sent } = harness(() => (online ? { kind: 'sent', result: null } : { kind: 'offline' }));
    expect((await outbox.submit('stop', { action: 'arrived' })).kind).toBe('offline');
    expect((await outbox.submit('stop', { action: 'done' })).kind).toBe('offline');
    expect(outbox.snapshot().pending.map((o) => o.payload.action)).toEqual(['arrived', 'done']);
    online = true;
    await outbox.replay();
    await outbox.replay();
    expect(sent.map((o) => [o.id, o.payload.action])).toEqual([
      ['op-1', 'arrived'],
      ['op-2', 'done'],
    ]);
    expect(outbox.snapshot().pending).toEqual([]);
  });

  it('stops at the first network failure so later taps never overtake earlier ones', async () => {
    const calls: string[] = [];
    const { outbox } = harness((op) => {
      calls.push(op.id);
      return { kind: 'offline' };
    });
    await outbox.submit('stop', { action: 'arrived' });
    await outbox.submit('stop', { action: 'done' });
    expect(calls.every((id) => id === 'op-1')).toBe(true);
  });

  it('keeps a refused tap for the driver to read, but drops a refused position sample', async () => {
    const { outbox } = harness(() => ({ kind: 'refused', message: 'Start the route first.' }));
    await outbox.submit('stop', { action: 'done' });
    await outbox.submit('position', { lat: 1 });
    expect(outbox.snapshot().failed.map((o) => [o.kind, o.error])).toEqual([['stop', 'Start the route first.']]);
    expect(outbox.snapshot().pending).toEqual([]);
  });

  it('holds at most ten minutes of position samples while offline', async () => {
    const { outbox } = harness(() => ({ kind: 'offline' }));
    for (let i = 0; i < MAX_QUEUED_POSITIONS + 5; i++) await outbox.submit('position', { i });
    const pending = outbox.snapshot().pending;
    expect(pending).toHaveLength(MAX_QUEUED_POSITIONS);
    expect(pending[0].payload.i).toBe(5);
  });
});
