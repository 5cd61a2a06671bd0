import { describe, expect, it, vi } from 'vitest';
import { EARLY_EVENTS, restoreEarlyInteractions, type EarlyEdit } from './early-interactions.ts';

// Stand-ins with the properties the function reads and writes: hydration has just reset every one of them.
const disclosure = (isConnected = true) => ({ open: false, isConnected }) as unknown as HTMLDetailsElement;
const field = (value: string, isConnected = true) => {
  const events: string[] = [];
  const el = { value, isConnected, events, dispatchEvent: (e: Event) => events.push(e.type) };
  return el as unknown as HTMLInputElement & { events: string[] };
};
const box = (checked: boolean) => {
  const events: string[] = [];
  const el = { checked, isConnected: true, events, dispatchEvent: (e: Event) => events.push(e.type) };
  return el as unknown as HTMLInputElement & { events: string[] };
};

describe('restoreEarlyInteractions', () => {
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
      __noteEarly: listener,
      document: { removeEventListener } as unknown as Document,
    };
    restoreEarlyInteractions(w);
    expect([leftOpen.open, closedAgain.open, gone.open]).toEqual([true, false, false]);
    // the noting stops: later toggles and edits are the page's own business
    for (const type of EARLY_EVENTS) expect(removeEventListener).toHaveBeenCalledWith(type, listener, true);
    expect(w.__earlyToggles).toBeNull();
  });

  it('puts back text and ticks hydration wiped, and tells the page as a person’s edit would', () => {
    const name = field(''); // typed "Sam Early", reset to the server's empty value
    const untouchedByHydration = field('kept'); // hydration left it as typed
    const gone = field('', false);
    const sms = box(false); // ticked early, unticked by hydration
    const edits = new Map<HTMLInputElement, EarlyEdit>([
      [name, { value: 'Sam Early' }],
      [untouchedByHydration, { value: 'kept' }],
      [gone, { value: 'lost with its row' }],
      [sms, { checked: true }],
    ]);
    const w = {
      __earlyEdits: edits,
      __noteEarly: () => {},
      document: { removeEventListener: () => {} } as unknown as Document,
    };
    restoreEarlyInteractions(w);
    expect(name.value).toBe('Sam Early');
    expect(name.events).toEqual(['input', 'change']);
    expect(untouchedByHydration.events).toEqual([]);
    expect(gone.value).toBe('');
    expect(gone.events).toEqual([]);
    expect(sms.checked).toBe(true);
    expect(sms.events).toEqual(['input', 'change']);
    expect(w.__earlyEdits).toBeNull();
  });

  it('does nothing on a page whose head script did not run', () => {
    expect(() => restoreEarlyInteractions({ document: {} as Document })).not.toThrow();
  });
});
