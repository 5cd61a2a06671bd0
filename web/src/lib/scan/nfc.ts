// Web NFC, wrapped as a small state machine the scan page renders. Only Chrome on Android has
// NDEFReader, over https, and scan() must first be called from a user gesture (it shows the permission
// prompt); after the permission is granted it may start on its own. The tag's serial number is its uid.
/// <reference types="w3c-web-nfc" />
import { tagCodeFromText, normaliseUid } from './uid.ts';

export type NfcState =
  /** No Web NFC here (desktop, iPhone, plain http): use a reader, QR or search. */
  | { kind: 'unsupported'; reason: string }
  /** Web NFC exists but is not listening; `permission` says whether pressing start will prompt. */
  | { kind: 'ready'; permission: 'prompt' | 'granted' }
  /** Listening: a tag held to the phone will be read. */
  | { kind: 'reading' }
  /** A tag was just read (listening goes on). */
  | { kind: 'found'; uid: string }
  /** The device will not read now: NFC switched off, or the reader is busy or missing. */
  | { kind: 'blocked'; message: string }
  /** The user (or a site setting) refused NFC to this site. */
  | { kind: 'permission-denied' };

export interface NfcTag {
  /** The tag's code for the check-in rpc: its serial number, else a token in its text record. */
  uid: string;
  serialNumber: string;
  texts: string[];
}

export interface NfcEnvironment {
  Reader: (new () => NDEFReader) | undefined;
  secureContext: boolean;
  /** The current 'nfc' permission, where the Permissions API knows it. */
  permission?: () => Promise<PermissionState | undefined>;
}

export interface NfcCallbacks {
  onState: (state: NfcState) => void;
  onTag: (tag: NfcTag) => void;
  /** A tag was near but could not be read, or carried nothing usable. */
  onProblem?: (message: string) => void;
}

export interface NfcScanner {
  readonly state: NfcState;
  /** Reads the permission, and starts listening at once if it was already granted. */
  init(): Promise<void>;
  /** Starts listening; call from a button press the first time. */
  start(): Promise<void>;
  stop(): void;
}

export interface NfcOptions {
  /** How long `found` shows before the state returns to `reading`. */
  settleMs?: number;
  /** A second read of the same tag within this time is the same tap. */
  repeatMs?: number;
  now?: () => number;
}

/** The environment of this page, read from the browser globals. */
export function browserNfcEnvironment(): NfcEnvironment {
  const w = globalThis as unknown as { NDEFReader?: new () => NDEFReader; isSecureContext?: boolean };
  return {
    Reader: w.NDEFReader,
    secureContext: w.isSecureContext ?? false,
    permission: async () => {
      try {
        return (await navigator.permissions.query({ name: 'nfc' as PermissionName })).state;
      } catch {
        return undefined;
      }
    },
  };
}

export function createNfcScanner(env: NfcEnvironment, callbacks: NfcCallbacks, options: NfcOptions = {}): NfcScanner {
  const settleMs = options.settleMs ?? 1500;
  const repeatMs = options.repeatMs ?? 2000;
  const now = options.now ?? (() => Date.now());
  let state: NfcState = initialState(env);
  let controller: AbortController | null = null;
  let settle: ReturnType<typeof setTimeout> | undefined;
  let last = { uid: '', at: -Infinity };

  function set(next: NfcState): void {
    state = next;
    callbacks.onState(next);
  }

  function onReading(event: Event): void {
    const { serialNumber = '', message } = event as NDEFReadingEvent;
    const texts = (message?.records ?? []).flatMap((record) =>
      record.recordType === 'text' ? [decodeText(record)] : [],
    );
    const serial = normaliseUid(serialNumber);
    // Tags we write for pets carry the uid in a text record too; it helps where a phone hides serials.
    const code = serial.ok ? serial : texts.map(tagCodeFromText).find((r) => r.ok);
    if (!code?.ok) {
      callbacks.onProblem?.(serial.ok ? 'This tag carries no tag number.' : serial.message);
      return;
    }
    if (code.uid === last.uid && now() - last.at < repeatMs) return;
    last = { uid: code.uid, at: now() };
    set({ kind: 'found', uid: code.uid });
    callbacks.onTag({ uid: code.uid, serialNumber, texts });
    clearTimeout(settle);
    settle = setTimeout(() => {
      if (state.kind === 'found') set({ kind: 'reading' });
    }, settleMs);
  }

  function onReadingError(): void {
    callbacks.onProblem?.('The tag could not be read. Hold it still against the back of the phone.');
  }

  const scanner: NfcScanner = {
    get state() {
      return state;
    },
    async init() {
      if (state.kind === 'unsupported') return callbacks.onState(state);
      const permission = await env.permission?.();
      if (permission === 'denied') return set({ kind: 'permission-denied' });
      if (permission === 'granted') return scanner.start();
      set({ kind: 'ready', permission: 'prompt' });
    },
    async start() {
      if (state.kind === 'unsupported' || state.kind === 'reading' || state.kind === 'found') return;
      const Reader = env.Reader as new () => NDEFReader;
      const reader = new Reader();
      controller = new AbortController();
      const { signal } = controller;
      reader.addEventListener('reading', onReading, { signal });
      reader.addEventListener('readingerror', onReadingError, { signal });
      try {
        await reader.scan({ signal });
        if (!signal.aborted) set({ kind: 'reading' });
      } catch (error) {
        controller.abort();
        controller = null;
        set(failureState(error));
      }
    },
    stop() {
      controller?.abort();
      controller = null;
      clearTimeout(settle);
      if (state.kind !== 'unsupported')
        set({ kind: 'ready', permission: state.kind === 'permission-denied' ? 'prompt' : 'granted' });
    },
  };
  return scanner;
}

function initialState(env: NfcEnvironment): NfcState {
  if (!env.Reader)
    return { kind: 'unsupported', reason: 'This browser cannot read NFC tags; Web NFC needs Chrome on Android.' };
  if (!env.secureContext) return { kind: 'unsupported', reason: 'NFC only works on a secure (https) page.' };
  return { kind: 'ready', permission: 'prompt' };
}

/** Maps scan()'s DOMException names (Web NFC §9) to what staff can act on. */
function failureState(error: unknown): NfcState {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  switch (name) {
    case 'NotAllowedError':
      return { kind: 'permission-denied' };
    case 'NotReadableError':
      return {
        kind: 'blocked',
        message: 'NFC is switched off or busy. Turn NFC on in the phone settings, then try again.',
      };
    case 'NotSupportedError':
      return { kind: 'blocked', message: 'This phone has no NFC reader it can share with the browser.' };
    case 'AbortError':
      return { kind: 'ready', permission: 'granted' };
    default:
      return {
        kind: 'blocked',
        message: `NFC could not start: ${error instanceof Error ? error.message : String(error)}`,
      };
  }
}

function decodeText(record: NDEFRecord): string {
  if (!record.data) return '';
  const encoding = record.encoding === 'utf-16' ? 'utf-16' : 'utf-8';
  return new TextDecoder(encoding).decode(record.data);
}
