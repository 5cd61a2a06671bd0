import { describe, expect, it } from 'vitest';
import { createScanQueue, memoryStore, type QueuedScan, type QueueSnapshot, type SendOutcome } from './queue.ts';

/**
 * A fake check-in server with the rpc's idempotency: it applies a client_scan_id once, and it can be
 * told to drop the network before or after applying (the answer lost on the way back).
 */
function fakeServer() {
  const applied: string[] = [];
  const seen = new Set<string>();
  let network: 'up' | 'down' | 'drops-answers' = 'up';
  const refuse = new Set<string>();
  async function send(scan: QueuedScan): Promise<SendOutcome<string>> {
    if (network === 'down') return { kind: 'offline' };
    if (refuse.has(scan.uid)) return { kind: 'refused', message: `no active tag ${scan.uid}` };
    if (!seen.has(scan.clientScanId)) {
      seen.add(scan.clientScanId);
      applied.push(`${scan.action}:${scan.uid}`);
    }
    if (network === 'drops-answers') return { kind: 'offline' };
    return { kind: 'sent', result: `${scan.action}:${scan.uid}` };
  }
  return {
    applied,
    send,
    refuse,
    setNetwork: (state: typeof network) => void (network = state),
  };
}

function setup() {
  const server = fakeServer();
  const store = memoryStore();
  let ids = 0;
  const queue = createScanQueue({
    store,
    send: server.send,
    newId: () => `scan-${++ids}`,
    now: () => 1_700_000_000_000,
  });
  return { server, store, queue };
}

describe('the offline scan queue', () => {
  it('mints a distinct id and a rising order for every scan, even within one millisecond', () => {
    const { queue } = setup();
    const a = queue.take('04:a1:b2:c3', 'check_in');
    const b = queue.take('04:a1:b2:c3', 'check_in');
    expect(a.clientScanId).not.toBe(b.clientScanId);
    expect(b.seq).toBeGreaterThan(a.seq);
    expect(a).toMatchObject({ state: 'pending', attempts: 0, takenAt: '2023-11-14T22:13:20.000Z' });
  });

  it('replays held scans in the order taken and then forgets them', async () => {
    const { server, queue } = setup();
    const first = queue.take('aa:aa:aa:01', 'check_in');
    const second = queue.take('aa:aa:aa:02', 'check_in');
    const third = queue.take('aa:aa:aa:01', 'check_out');
    // held out of order: the order taken wins
    await queue.hold(third);
    await queue.hold(first);
    await queue.hold(second);

    const report = await queue.replay();
    expect(server.applied).toEqual(['check_in:aa:aa:aa:01', 'check_in:aa:aa:aa:02', 'check_out:aa:aa:aa:01']);
    expect(report.sent.map((s) => s.scan.clientScanId)).toEqual([first, second, third].map((s) => s.clientScanId));
    expect(report.remaining).toBe(0);
    expect(await queue.snapshot()).toEqual({ pending: [], failed: [], replaying: false });
  });

  it('stops at the first scan the network refuses and keeps it and the rest for later', async () => {
    const { server, queue } = setup();
    const scans = [queue.take('aa:aa:aa:01', 'check_in'), queue.take('aa:aa:aa:02', 'check_in')];
    for (const scan of scans) await queue.hold(scan);
    server.setNetwork('down');

    const report = await queue.replay();
    expect(report).toEqual({ sent: [], refused: [], remaining: 2 });
    const waiting = await queue.snapshot();
    expect(waiting.pending.map((s) => [s.clientScanId, s.attempts])).toEqual([
      ['scan-1', 1],
      ['scan-2', 0],
    ]);

    server.setNetwork('up');
    await queue.replay();
    expect(server.applied).toEqual(['check_in:aa:aa:aa:01', 'check_in:aa:aa:aa:02']);
    expect((await queue.snapshot()).pending).toEqual([]);
  });

  it('applies a scan once when its answer was lost and it is sent again', async () => {
    const { server, queue } = setup();
    await queue.hold(queue.take('aa:aa:aa:01', 'check_in'));
    server.setNetwork('drops-answers');
    await queue.replay();
    expect((await queue.snapshot()).pending).toHaveLength(1);

    server.setNetwork('up');
    const report = await queue.replay();
    expect(report.sent).toHaveLength(1);
    expect(server.applied).toEqual(['check_in:aa:aa:aa:01']);
  });

  it('sends each scan once when replays are asked for concurrently', async () => {
    const { server, queue } = setup();
    for (const uid of ['aa:aa:aa:01', 'aa:aa:aa:02', 'aa:aa:aa:03']) await queue.hold(queue.take(uid, 'check_in'));
    let sends = 0;
    const counting = createScanQueue({
      store: memoryStore((await queue.snapshot()).pending),
      send: async (scan) => {
        sends += 1;
        await new Promise((r) => setTimeout(r, 5));
        return server.send(scan);
      },
    });
    const [a, b, c] = await Promise.all([counting.replay(), counting.replay(), counting.replay()]);
    expect(sends).toBe(3);
    expect(a).toBe(b);
    expect(b).toBe(c);
  });

  it('marks a scan the server refuses as failed with the reason, carries on, and lets staff dismiss it', async () => {
    const { server, queue } = setup();
    const bad = queue.take('ff:ff:ff:ff', 'check_in');
    const good = queue.take('aa:aa:aa:01', 'check_in');
    await queue.hold(bad);
    await queue.hold(good);
    server.refuse.add('ff:ff:ff:ff');

    const report = await queue.replay();
    expect(report.refused.map((s) => s.clientScanId)).toEqual([bad.clientScanId]);
    expect(report.sent.map((s) => s.scan.clientScanId)).toEqual([good.clientScanId]);
    const after = await queue.snapshot();
    expect(after.failed).toMatchObject([
      { clientScanId: bad.clientScanId, state: 'failed', error: 'no active tag ff:ff:ff:ff' },
    ]);

    // a failed scan is not sent again
    await queue.replay();
    expect(server.applied).toEqual(['check_in:aa:aa:aa:01']);
    await queue.dismiss(bad.clientScanId);
    expect((await queue.snapshot()).failed).toEqual([]);
  });

  it('keeps a scan whose send throws, as if offline', async () => {
    const store = memoryStore();
    const queue = createScanQueue<string>({
      store,
      send: async () => {
        throw new TypeError('Failed to fetch');
      },
    });
    await queue.hold(queue.take('aa:aa:aa:01', 'check_in'));
    expect((await queue.replay()).remaining).toBe(1);
    expect((await store.list())[0]).toMatchObject({ state: 'pending', attempts: 1 });
  });

  it('tells subscribers what is waiting and when a replay runs', async () => {
    const { queue } = setup();
    const seen: QueueSnapshot[] = [];
    const stop = queue.subscribe((s) => seen.push(s));
    await queue.hold(queue.take('aa:aa:aa:01', 'check_in'));
    expect(seen.at(-1)?.pending).toHaveLength(1);
    await queue.replay();
    expect(seen.some((s) => s.replaying)).toBe(true);
    expect(seen.at(-1)).toEqual({ pending: [], failed: [], replaying: false });
    stop();
    await queue.hold(queue.take('aa:aa:aa:02', 'check_in'));
    expect(seen.at(-1)?.pending).toHaveLength(0);
  });

  it('runs the drain inside the cross-tab lock when one is given', async () => {
    const order: string[] = [];
    const queue = createScanQueue<string>({
      store: memoryStore(),
      send: async (scan) => (order.push(`send ${scan.uid}`), { kind: 'sent', result: 'ok' }),
      exclusive: async (task) => {
        order.push('lock');
        try {
          return await task();
        } finally {
          order.push('unlock');
        }
      },
    });
    await queue.hold(queue.take('aa:aa:aa:01', 'check_in'));
    await queue.replay();
    expect(order).toEqual(['lock', 'send aa:aa:aa:01', 'unlock']);
  });
});
