/// <reference types="w3c-web-nfc" />
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createNfcScanner, type NfcEnvironment, type NfcState, type NfcTag } from './nfc.ts';

/** A stand-in for Chrome's NDEFReader: scan() settles as told and honours its abort signal. */
function fakeReaderClass(scanOutcome: () => Promise<void> = async () => {}) {
  const instances: FakeReader[] = [];
  class FakeReader extends EventTarget {
    signal: AbortSignal | undefined;
    constructor() {
      super();
      instances.push(this);
    }
    async scan(options?: { signal?: AbortSignal }): Promise<void> {
      this.signal = options?.signal;
      await scanOutcome();
    }
    tap(serialNumber: string, texts: string[] = []): void {
      const event = new Event('reading') as Event & { serialNumber: string; message: { records: unknown[] } };
      event.serialNumber = serialNumber;
      event.message = {
        records: texts.map((t) => ({
          recordType: 'text',
          encoding: 'utf-8',
          data: new DataView(new TextEncoder().encode(t).buffer),
        })),
      };
      this.dispatchEvent(event);
    }
  }
  return { Reader: FakeReader as unknown as new () => NDEFReader, instances };
}

function harness(env: Partial<NfcEnvironment>, scanOutcome?: () => Promise<void>) {
  const fake = fakeReaderClass(scanOutcome);
  const states: NfcState[] = [];
  const tags: NfcTag[] = [];
  const problems: string[] = [];
  let clock = 0;
  const scanner = createNfcScanner(
    { Reader: fake.Reader, secureContext: true, ...env },
    { onState: (s) => states.push(s), onTag: (t) => tags.push(t), onProblem: (m) => problems.push(m) },
    { now: () => clock, settleMs: 1000, repeatMs: 2000 },
  );
  return { scanner, states, tags, problems, fake, advance: (ms: number) => (clock += ms) };
}

afterEach(() => vi.useRealTimers());

describe('the Web NFC scanner', () => {
  it('is unsupported without NDEFReader, or on a page that is not secure', () => {
    expect(harness({ Reader: undefined }).scanner.state).toMatchObject({ kind: 'unsupported' });
    expect(harness({ secureContext: false }).scanner.state).toMatchObject({
      kind: 'unsupported',
      reason: expect.stringContaining('https'),
    });
  });

  it('waits for a button press while permission would prompt', async () => {
    const h = harness({ permission: async () => 'prompt' });
    await h.scanner.init();
    expect(h.scanner.state).toEqual({ kind: 'ready', permission: 'prompt' });
    expect(h.fake.instances).toHaveLength(0);
  });

  it('starts reading on its own once permission was granted before', async () => {
    const h = harness({ permission: async () => 'granted' });
    await h.scanner.init();
    expect(h.scanner.state).toEqual({ kind: 'reading' });
  });

  it('reports a denied permission without prompting', async () => {
    const h = harness({ permission: async () => 'denied' });
    await h.scanner.init();
    expect(h.scanner.state).toEqual({ kind: 'permission-denied' });
  });

  it('turns a tap into a normalised uid, shows it as found, then goes back to reading', async () => {
    vi.useFakeTimers();
    const h = harness({});
    await h.scanner.start();
    expect(h.states.at(-1)).toEqual({ kind: 'reading' });
    h.fake.instances[0].tap('04:A1:B2:C3:D4:E5:01');
    expect(h.tags).toMatchObject([{ uid: '04:a1:b2:c3:d4:e5:01', serialNumber: '04:A1:B2:C3:D4:E5:01' }]);
    expect(h.scanner.state).toEqual({ kind: 'found', uid: '04:a1:b2:c3:d4:e5:01' });
    vi.advanceTimersByTime(1000);
    expect(h.scanner.state).toEqual({ kind: 'reading' });
  });

  it('treats a second read of the same tag within the repeat window as the same tap', async () => {
    const h = harness({});
    await h.scanner.start();
    const reader = h.fake.instances[0];
    reader.tap('04:a1:b2:c3');
    h.advance(500);
    reader.tap('04:a1:b2:c3');
    h.advance(2000);
    reader.tap('04:a1:b2:c3');
    expect(h.tags).toHaveLength(2);
  });

  it('falls back to a text record when the serial number is hidden', async () => {
    const h = harness({});
    await h.scanner.start();
    h.fake.instances[0].tap('', ['qr-pepper-0001']);
    expect(h.tags).toMatchObject([{ uid: 'qr-pepper-0001', texts: ['qr-pepper-0001'] }]);
  });

  it('reports a tag with nothing usable as a problem, not a scan', async () => {
    const h = harness({});
    await h.scanner.start();
    h.fake.instances[0].tap('', ['!!']);
    expect(h.tags).toEqual([]);
    expect(h.problems).toHaveLength(1);
  });

  it('maps scan() refusals to permission-denied and blocked', async () => {
    const denied = harness({}, async () => {
      throw new DOMException('denied', 'NotAllowedError');
    });
    await denied.scanner.start();
    expect(denied.scanner.state).toEqual({ kind: 'permission-denied' });

    const off = harness({}, async () => {
      throw new DOMException('off', 'NotReadableError');
    });
    await off.scanner.start();
    expect(off.scanner.state).toMatchObject({ kind: 'blocked', message: expect.stringContaining('switched off') });
  });

  it('stops listening through the abort signal', async () => {
    const h = harness({});
    await h.scanner.start();
    const reader = h.fake.instances[0];
    h.scanner.stop();
    expect(reader.signal?.aborted).toBe(true);
    reader.tap('04:a1:b2:c3');
    expect(h.tags).toEqual([]);
    expect(h.scanner.state).toEqual({ kind: 'ready', permission: 'granted' });
  });
});
