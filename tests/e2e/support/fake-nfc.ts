// A faithful stand-in for Chrome's NDEFReader, injected before any page script runs. Desktop Chromium
// has no Web NFC, so tests tap tags through `window.__nfc.tap(serialNumber, records?)`, which does what
// Chrome does on a real tap: dispatches a `reading` event (serialNumber + NDEF message) on every reader
// that is scanning, and calls its `onreading` handler. scan() honours its AbortSignal; write() records
// what it was asked to write. `__nfc.deny()` makes the next scan() fail as a refused permission would.

export interface FakeNfcRecord {
  recordType: 'text' | 'url';
  data: string;
}

declare global {
  interface Window {
    __nfc: {
      tap(serialNumber: string, records?: FakeNfcRecord[]): number;
      deny(): void;
      scanning(): number;
      written: unknown[];
    };
  }
}

/** The init script itself; it runs in the page, so it may only use what the page has. */
export function fakeNfcScript(): void {
  const scanning = new Set<EventTarget & { onreading: ((e: Event) => void) | null }>();
  let refuse = false;
  const written: unknown[] = [];

  class FakeNDEFReader extends EventTarget {
    onreading: ((e: Event) => void) | null = null;
    onreadingerror: ((e: Event) => void) | null = null;

    async scan(options: { signal?: AbortSignal } = {}): Promise<void> {
      const { signal } = options;
      if (signal?.aborted) throw new DOMException('The scan was aborted.', 'AbortError');
      if (refuse) throw new DOMException('NFC permission request denied.', 'NotAllowedError');
      scanning.add(this);
      signal?.addEventListener('abort', () => scanning.delete(this), { once: true });
    }

    async write(message: unknown, options: { signal?: AbortSignal } = {}): Promise<void> {
      if (options.signal?.aborted) throw new DOMException('The write was aborted.', 'AbortError');
      written.push(message);
    }

    async makeReadOnly(): Promise<void> {}
  }

  function record({ recordType, data }: { recordType: string; data: string }) {
    const bytes = new TextEncoder().encode(data);
    return {
      recordType,
      mediaType: undefined,
      id: '',
      encoding: 'utf-8',
      lang: 'en',
      data: new DataView(bytes.buffer),
    };
  }

  Object.defineProperty(window, 'NDEFReader', { value: FakeNDEFReader, configurable: true, writable: true });
  window.__nfc = {
    tap(serialNumber, records = []) {
      for (const reader of scanning) {
        const event = Object.assign(new Event('reading'), { serialNumber, message: { records: records.map(record) } });
        reader.dispatchEvent(event);
        reader.onreading?.call(reader, event);
      }
      return scanning.size;
    },
    deny() {
      refuse = true;
    },
    scanning: () => scanning.size,
    written,
  };
}
