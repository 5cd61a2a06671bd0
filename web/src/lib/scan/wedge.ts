// Keyboard-wedge readers (USB and Bluetooth NFC/QR readers) pretend to be a keyboard: they type a tag's
// number in one burst, a few milliseconds per key, and press Enter. People type an order of magnitude
// slower (rarely under 60 ms between keys even in a burst). So a run of characters whose every gap is
// short, ended by Enter just as quickly, is a reader; anything else is a person, left alone.

export interface WedgeOptions {
  /** Longest gap between two keys of one reader burst, in ms. */
  maxGapMs?: number;
  /** Fewest characters in a burst (a 4-byte uid typed without separators is 8). */
  minLength?: number;
  /** Keys that end a burst; readers are configured for Enter or Tab. */
  terminators?: readonly string[];
}

export type WedgeVerdict =
  /** The key belongs to nobody's burst yet, or to a person typing. */
  | { kind: 'key' }
  /** A reader finished typing `text`; the caller should swallow the terminator and scan. */
  | { kind: 'scan'; text: string; durationMs: number };

export interface WedgeDetector {
  /** Feeds one keydown (`key` as KeyboardEvent.key, `at` a monotonic time in ms). */
  press(key: string, at: number): WedgeVerdict;
  /** The characters of the burst in progress, so a caller can take them back out of an input. */
  pending(): string;
  reset(): void;
}

export const WEDGE_DEFAULTS = { maxGapMs: 50, minLength: 8, terminators: ['Enter', 'Tab'] } as const;

/** Keys a reader may press between characters without meaning anything (shift for upper-case hex). */
const IGNORED = new Set(['Shift', 'CapsLock']);

export function createWedgeDetector(options: WedgeOptions = {}): WedgeDetector {
  const { maxGapMs, minLength, terminators } = { ...WEDGE_DEFAULTS, ...options };
  let chars = '';
  let startedAt = 0;
  let lastAt = -Infinity;

  function reset(): void {
    chars = '';
    lastAt = -Infinity;
  }

  return {
    press(key, at) {
      if (IGNORED.has(key)) return { kind: 'key' };
      const quick = at - lastAt <= maxGapMs;
      if (terminators.includes(key)) {
        const burst = quick && chars.length >= minLength ? chars : null;
        const duration = at - startedAt;
        reset();
        return burst ? { kind: 'scan', text: burst, durationMs: duration } : { kind: 'key' };
      }
      if (key.length !== 1) {
        // Backspace, arrows and the like: only a person presses those.
        reset();
        return { kind: 'key' };
      }
      if (!quick) {
        chars = '';
        startedAt = at;
      }
      chars += key;
      lastAt = at;
      return { kind: 'key' };
    },
    pending: () => chars,
    reset,
  };
}
