// Writing a blank NFC tag for a pet with Web NFC, then learning the tag's serial number to register it.
// NDEFReader.write() does not report which tag it wrote, so after writing we scan and take the serial
// number of the next tag read — the one still held to the phone. Only Chrome on Android has NDEFReader.
/// <reference types="w3c-web-nfc" />
import { normaliseUid } from '../scan/uid.ts';

export type NfcWriteResult = { ok: true; uid: string } | { ok: false; message: string };

type Reader = Pick<NDEFReader, 'write' | 'scan' | 'addEventListener' | 'removeEventListener'>;

/** The reader class where this browser has one (feature detection, nothing else). */
export function ndefReaderClass(): (new () => Reader) | undefined {
  return (globalThis as unknown as { NDEFReader?: new () => Reader }).NDEFReader;
}

/** The record a pet's tag carries: a link to the pet's page, so any phone that reads it lands there. */
export function petTagRecord(petUrl: string): NDEFMessageInit {
  return { records: [{ recordType: 'url', data: petUrl }] };
}

function explain(error: unknown): string {
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError') return 'NFC is not allowed for this site. Allow it in the browser’s site settings.';
  if (name === 'NotSupportedError') return 'This phone cannot write NFC tags (is NFC switched on?).';
  if (name === 'AbortError') return 'Writing was cancelled.';
  if (name === 'NetworkError') return 'The tag moved away while writing. Hold it still and try again.';
  return `The tag could not be written: ${error instanceof Error ? error.message : String(error)}`;
}

/** Writes the pet's link to the next tag held to the phone, then reads that tag's serial number. */
export async function writeAndIdentify(reader: Reader, petUrl: string, signal: AbortSignal): Promise<NfcWriteResult> {
  try {
    await reader.write(petTagRecord(petUrl), { signal });
    const serial = new Promise<string>((resolve, reject) => {
      const onReading = (event: Event) => resolve((event as NDEFReadingEvent).serialNumber);
      reader.addEventListener('reading', onReading, { once: true });
      signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')), { once: true });
    });
    await reader.scan({ signal });
    const uid = normaliseUid(await serial);
    return uid.ok
      ? { ok: true, uid: uid.uid }
      : { ok: false, message: 'The tag was written but reports no usable serial number.' };
  } catch (error) {
    return { ok: false, message: explain(error) };
  }
}
