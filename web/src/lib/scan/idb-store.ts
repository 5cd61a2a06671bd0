// The scan queue's storage in the browser: one IndexedDB object store keyed by client_scan_id. Kept
// thin on purpose — the queue's rules live in queue.ts and are tested there with a memory store.
import type { QueuedScan, ScanStore } from './queue.ts';

const DB_NAME = 'pawcentral-scans';
const STORE = 'queue';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function open(): Promise<IDBDatabase> {
  const req = indexedDB.open(DB_NAME, 1);
  req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'clientScanId' });
  return request(req);
}

/**
 * A store for one business's scans (`scope`, e.g. its id), so a phone shared between two businesses
 * never replays one's scans into the other.
 */
export function indexedDbStore(scope: string): ScanStore {
  const db = open();
  async function run<T>(mode: IDBTransactionMode, op: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
    const tx = (await db).transaction(STORE, mode);
    // Resolve only once the transaction has committed, so a removed scan is really gone.
    const committed = new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
    const result = await request(op(tx.objectStore(STORE)));
    await committed;
    return result;
  }
  return {
    async list() {
      const all = (await run('readonly', (s) => s.getAll())) as Array<QueuedScan & { scope: string }>;
      return all.filter((row) => row.scope === scope).map(({ scope: _scope, ...scan }) => scan);
    },
    async put(scan) {
      await run('readwrite', (s) => s.put({ ...scan, scope }));
    },
    async remove(clientScanId) {
      await run('readwrite', (s) => s.delete(clientScanId));
    },
  };
}

/** Serialises replays across the tabs of this browser where the Web Locks API exists. */
export function webLock(name: string): <T>(task: () => Promise<T>) => Promise<T> {
  return (task) => (typeof navigator !== 'undefined' && navigator.locks ? navigator.locks.request(name, task) : task());
}
