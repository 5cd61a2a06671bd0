import { describe, expect, it, vi } from 'vitest';
import { reopenEarlyDisclosures } from './early-toggles.ts';

// Stand-ins with the two properties the function reads: hydration has just closed every one of them.
const disclosure = (isConnected = true) => ({ open: false, isConnected }) as unknown as HTMLDetailsElement;

describe('reopenEarlyDisclosures', () => {
  it('reopens what the visitor left open, not what they closed again or what left the page', () => {
    const leftOpen = disclosure();
    const closedAgain = disclosure();
    const gone = disclosure(false);
    const listener = () => {};
    const removeEventListener = vi.fn();
    const w = {
      __earlyToggles: new Map([
        [leftOpen, true],
        [closedAgain, false],
        [gone, true],
      ]),
      __noteEarlyToggle: listener,
      document: { removeEventListener } as unknown as Document,
    };
    reopenEarlyDisclosures(w);
    expect([leftOpen.open, closedAgain.open, gone.open]).toEqual([true, false, false]);
    // the noting stops: later toggles are the page's own business
    expect(removeEventListener).toHaveBeenCalledWith('toggle', listener, true);
    expect(w.__earlyToggles).toBeNull();
  });

  it('does nothing on a page whose head script did not run', () => {
    expect(() => reopenEarlyDisclosures({ document: {} as Document })).not.toThrow();
  });
});
