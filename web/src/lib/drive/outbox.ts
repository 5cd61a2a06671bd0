// The driver's offline outbox: stop taps, route start/finish and position samples made while the network is
// away are kept on the phone and sent when it returns, in the order made, once each. The same rules as the scan
// queue (web/src/lib/scan/queue.ts): every item carries an id minted when it was made (the rpcs record a tap or a
// sample once per id), one replay runs at a time, an item leaves the store only after the server answered, and
// a network failure stops the replay so later items never overtake earlier ones. Storage sits behind
// `OutboxStore` so the rules are tested with a memory store; the browser uses localStorage.

export type DriveOpKind = 'start' | 'finish' | 'stop' | 'position';

export interface DriveOp {
  /** Idempotency key, minted when the driver tapped (or the phone sampled). */
  id: string;
  kind: DriveOpKind;
  payload: Record<string, unknown>;
  /** Strictly increasing in the order made on this phone. */
  seq: number;
  madeAt: string;
  state: 'pending' | 'failed';
  attempts: number;
  /** Why the server refused it (state `failed`), as a sentence. */
  error?: string;
}

export interface OutboxStore {
  list(): DriveOp[];
  put(op: DriveOp): void;
  remove(id: string): void;
}

export type SendOutcome =
  { kind: 'sent'; result: unknown } | { kind: 'offline' } | { kind: 'refused'; message: string };

export interface OutboxSnapshot {
  pending: DriveOp[];
  failed: DriveOp[];
}

export interface Outbox {
  /** Records a new op and tries to send everything pending, in order; answers the op's own outcome. */
  submit(kind: DriveOpKind, payload: Record<string, unknown>): Promise<SendOutcome>;
  /** Sends every pending op in order; concurrent calls share one run. */
  replay(): Promise<void>;
  dismiss(id: string): void;
  snapshot(): OutboxSnapshot;
  subscribe(listener: (s: OutboxSnapshot) => void): () => void;
}

/** At most this many position samples wait offline (10 minutes at one per 10 s; older ones are refused anyway). */
export const MAX_QUEUED_POSITIONS = 60;

export function createOutbox(deps: {
  store: OutboxStore;
  send: (op: DriveOp) => Promise<SendOutcome>;
  newId?: () => string;
  now?: () => number;
}): Outbox {
  const { store, send } = deps;
  const newId = deps.newId ?? (() => crypto.randomUUID());
  const now = deps.now ?? (() => Date.now());
  const listeners = new Set<(s: OutboxSnapshot) => void>();
  let lastSeq = 0;
  let running: Promise<void> | null = null;
  const outcomes = new Map<string, SendOutcome>();

  const ordered = () => store.list().sort((a, b) => a.seq - b.seq);
  function snapshot(): OutboxSnapshot {
    const all = ordered();
    return { pending: all.filter((o) => o.state === 'pending'), failed: all.filter((o) => o.state === 'failed') };
  }
  const changed = () => {
    const s = snapshot();
    for (const l of listeners) l(s);
  };

  async function drain(): Promise<void> {
    for (const op of ordered().filter((o) => o.state === 'pending')) {
      let outcome: SendOutcome;
      try {
        outcome = await send(op);
      } catch {
        outcome = { kind: 'offline' };
      }
      outcomes.set(op.id, outcome);
      if (outcome.kind === 'offline') {
        store.put({ ...op, attempts: op.attempts + 1 });
        break; // order matters: a "picked up" must not overtake its "arrived"
      }
      // A refused position is only a stale sample: it goes; a refused tap stays for the driver to see.
      if (outcome.kind === 'sent' || op.kind === 'position') store.remove(op.id);
      else store.put({ ...op, state: 'failed', error: outcome.message });
      changed();
    }
  }

  function replay(): Promise<void> {
    if (running) return running;
    running = drain().finally(() => {
      running = null;
      changed();
    });
    return running;
  }

  return {
    async submit(kind, payload) {
      lastSeq = Math.max(now(), lastSeq + 1);
      const op: DriveOp = {
        id: newId(),
        kind,
        payload,
        seq: lastSeq,
        madeAt: new Date(now()).toISOString(),
        state: 'pending',
        attempts: 0,
      };
      if (kind === 'position') {
        const queued = ordered().filter((o) => o.kind === 'position' && o.state === 'pending');
        for (const old of queued.slice(0, Math.max(0, queued.length - MAX_QUEUED_POSITIONS + 1))) store.remove(old.id);
      }
      store.put(op);
      changed();
      await replay();
      // A replay already running when this op was stored may have passed its place: one more run reaches it.
      if (!outcomes.has(op.id) && snapshot().pending.some((o) => o.id === op.id)) await replay();
      const outcome = outcomes.get(op.id) ?? { kind: 'offline' };
      outcomes.delete(op.id);
      return outcome;
    },
    replay,
    dismiss(id) {
      store.remove(id);
      changed();
    },
    snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export function memoryOutboxStore(initial: DriveOp[] = []): OutboxStore {
  const rows = new Map(initial.map((o) => [o.id, { ...o }]));
  return {
    list: () => [...rows.values()].map((o) => ({ ...o })),
    put: (op) => void rows.set(op.id, { ...op }),
    remove: (id) => void rows.delete(id),
  };
}

/** The browser's store: one localStorage key per driver, so a shared phone never replays another's taps. */
export function localOutboxStore(key: string, storage: Storage): OutboxStore {
  const read = (): DriveOp[] => {
    try {
      const parsed: unknown = JSON.parse(storage.getItem(key) ?? '[]');
      return Array.isArray(parsed) ? (parsed as DriveOp[]) : [];
    } catch {
      return [];
    }
  };
  const write = (ops: DriveOp[]) => storage.setItem(key, JSON.stringify(ops));
  return {
    list: read,
    put: (op) => write([...read().filter((o) => o.id !== op.id), op]),
    remove: (id) => write(read().filter((o) => o.id !== id)),
  };
}
