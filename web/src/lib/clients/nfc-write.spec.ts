import { describe, expect, it } from 'vitest';
import { petTagRecord, writeAndIdentify } from './nfc-write.ts';

class FakeReader extends EventTarget {
  written: unknown[] = [];
  failWrite: DOMException | null = null;
  async write(message: unknown): Promise<void> {
    if (this.failWrite) throw this.failWrite;
    this.written.push(message);
  }
  async scan(): Promise<void> {
    queueMicrotask(() =>
      this.dispatchEvent(Object.assign(new Event('reading'), { serialNumber: '04:AB:CD:EF:01:02:03' })),
    );
  }
}

describe('writeAndIdentify', () => {
  it('writes the pet link and returns the normalised serial number of the tag read next', async () => {
    const reader = new FakeReader();
    const result = await writeAndIdentify(reader, 'https://desk.example/b/x/pets/1', new AbortController().signal);
    expect(result).toEqual({ ok: true, uid: '04:ab:cd:ef:01:02:03' });
    expect(reader.written).toEqual([petTagRecord('https://desk.example/b/x/pets/1')]);
  });

  it('explains a refused permission in words', async () => {
    const reader = new FakeReader();
    reader.failWrite = new DOMException('denied', 'NotAllowedError');
    const result = await writeAndIdentify(reader, 'https://x/p', new AbortController().signal);
    expect(result).toEqual({ ok: false, message: expect.stringContaining('not allowed') });
  });
});
