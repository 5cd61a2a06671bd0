// The offline scan queue. A scan taken while the network is down is kept on the device and sent when it
// returns, in the order taken, exactly once: each scan carries a client_scan_id minted when it was taken
// (the rpc records a scan once per id and answers a repeat with the first answer), and one replay at a
// time runs per queue (plus an optional cross-tab lock), so a scan is never sent twice concurrently and
// is removed only after the server has answered. Storage sits behind `ScanStore` so the rules are
// tested with a memory store and the browser uses IndexedDB (idb-store.ts).

import type { ScanAction } from '../enums.ts';

export type { ScanAction };

export interface QueuedScan {
  /** The idempotency key, minted when the scan was taken. */
  clientScanId: string;
  uid: string;
  action: ScanAction;
  /** ISO time the tag was read (not sent). */
  takenAt: string;
  /** Strictly increasing in the order scans were taken on this device. */
  seq: number;
  state: 'pending' | 'failed';
  /** Send attempts that found the network down. */
  attempts: number;
  /** Why the server refused it (state `failed`). */
  error?: string;
}

export interface ScanStore {
  list(): Promise<QueuedScan[]>;
  put(scan: QueuedScan): Promise<void>;
  remove(clientScanId: string): Promise<void>;
}

/** What sending one scan came to. `offline`: try again later; `refused`: the server said no for good. */
export type SendOutcome<R> = { kind: 'sent'; result: R } | { kind: 'offline' } | { kind: 'refused'; message: string };

export interface QueueSnapshot {
  pending: QueuedScan[];
  failed: QueuedScan[];
  replaying: boolean;
}

export interface ReplayReport<R> {
  sent: Array<{ scan: QueuedScan; result: R }>;
  refused: QueuedScan[];
  /** Still waiting because the network went (or stayed) away. */
  remaining: number;
}

export interface QueueDeps<R> {
  store: ScanStore;
  send: (scan: QueuedScan) => Promise<SendOutcome<R>>;
  newId?: () => string;
  now?: () => number;
  /** Runs `task` while holding a lock shared with other tabs, if the platform has one. */
  exclusive?: <T>(task: () => Promise<T>) => Promise<T>;
}

export interface ScanQueue<R> {
  /** A new scan with its idempotency key; not stored until `hold`. */
  take(uid: string, action: ScanAction): QueuedScan;
  /** Keeps a scan for later (the network is down, or the answer never came). */
  hold(scan: QueuedScan): Promise<void>;
  /** Sends every pending scan in order; concurrent calls share one run. */
  replay(): Promise<ReplayReport<R>>;
  /** Forgets a refused scan once staff have seen it. */
  dismiss(clientScanId: string): Promise<void>;
  snapshot(): Promise<QueueSnapshot>;
  /** Called with a fresh snapshot whenever the queue changes. */
  subscribe(listener: (snapshot: QueueSnapshot) => void): () => void;
}

export function createScanQueue<R>(deps: QueueDeps<R>): ScanQueue<R> {
  const { store, send } = deps;
  const newId = deps.newId ?? (() => crypto.randomUUID());
  const now = deps.now ?? (() => Date.now());
  const exclusive = deps.exclusive ?? ((task) => task());
  const listeners = new Set<(snapshot: QueueSnapshot) => void>();
  let lastSeq = 0;
  let running: Promise<ReplayReport<R>> | null = null;

  async function snapshot(): Promise<QueueSnapshot> {
    const all = (await store.list()).sort((a, b) => a.seq - b.seq);
    return {
      pending: all.filter((s) => s.state === 'pending'),
      failed: all.filter((s) => s.state === 'failed'),
      replaying: running !== null,
    };
  }

  async function changed(): Promise<void> {
    if (!listeners.size) return;
    const current = await snapshot();
    for (const listener of listeners) listener(current);
  }

  async function drain(): Promise<ReplayReport<R>> {
    const report: ReplayReport<R> = { sent: [], refused: [], remaining: 0 };
    const pending = (await store.list()).filter((s) => s.state === 'pending').sort((a, b) => a.seq - b.seq);
    for (const [index, scan] of pending.entries()) {
      let outcome: SendOutcome<R>;
      try {
        outcome = await send(scan);
      } catch {
        // An unexpected failure is treated like no network: the scan stays, nothing is lost.
        outcome = { kind: 'offline' };
      }
      if (outcome.kind === 'offline') {
        await store.put({ ...scan, attempts: scan.attempts + 1 });
        // Later scans wait too: order matters (a check-out must not overtake its check-in).
        report.remaining = pending.length - index;
        break;
      }
      if (outcome.kind === 'sent') {
        await store.remove(scan.clientScanId);
        report.sent.push({ scan, result: outcome.result });
      } else {
        const failed: QueuedScan = { ...scan, state: 'failed', error: outcome.message };
        await store.put(failed);
        report.refused.push(failed);
      }
      await changed();
    }
    return report;
  }

  return {
    take(uid, action) {
      lastSeq = Math.max(now(), lastSeq + 1);
      return {
        clientScanId: newId(),
        uid,
        action,
        takenAt: new Date(now()).toISOString(),
        seq: lastSeq,
        state: 'pending',
        attempts: 0,
      };
    },
    async hold(scan) {
      await store.put({ ...scan, state: 'pending' });
      await changed();
    },
    replay() {
      if (running) return running;
      running = (async () => {
        try {
          return await exclusive(drain);
        } finally {
          running = null;
          await changed();
        }
      })();
      void changed();
      return running;
    },
    async dismiss(clientScanId) {
      await store.remove(clientScanId);
      await changed();
    },
    snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** A store that lives as long as the page: for tests, and where IndexedDB is unavailable. */
export function memoryStore(initial: QueuedScan[] = []): ScanStore {
  const rows = new Map(initial.map((s) => [s.clientScanId, { ...s }]));
  return {
    list: async () => [...rows.values()].map((s) => ({ ...s })),
    put: async (scan) => void rows.set(scan.clientScanId, { ...scan }),
    remove: async (id) => void rows.delete(id),
  };
}
