// What a visitor does before the page's script has loaded is undone by hydration, which resets each element to
// what the server rendered: a disclosure (<details>) opened early folds shut, and text typed, a box ticked or an
// option chosen early is wiped (Svelte writes every `value={…}` and `checked={…}` once as it hydrates). On a slow
// phone that is a name typed into "New client" vanishing under the visitor's thumbs. app.html notes toggles and
// edits from the first byte; once the page is hydrated the root layout puts back what the visitor left, tells
// the page's own handlers (and `bind:` state) with the events a person's edit fires, and the noting stops.

/** The last state the visitor left an input in: its text or choice, or whether it is ticked. */
export type EarlyEdit = { value: string } | { checked: boolean };

type Editable = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

export interface EarlyWindow {
  __earlyToggles?: Map<HTMLDetailsElement, boolean> | null;
  __earlyEdits?: Map<Editable, EarlyEdit> | null;
  __noteEarly?: ((e: Event) => void) | null;
  document: Document;
}

/** The events app.html listens to (capture, on the document) until the page is hydrated. */
export const EARLY_EVENTS = ['toggle', 'input', 'change'] as const;

/** Restores what the visitor did before hydration that is still on the page, and stops noting. */
export function restoreEarlyInteractions(w: EarlyWindow): void {
  const toggles = w.__earlyToggles;
  const edits = w.__earlyEdits;
  const note = w.__noteEarly;
  if (note) for (const type of EARLY_EVENTS) w.document.removeEventListener(type, note, true);
  w.__earlyToggles = null;
  w.__earlyEdits = null;
  w.__noteEarly = null;
  for (const [details, open] of toggles ?? []) {
    if (open && details.isConnected) details.open = true;
  }
  // in the order last touched, so a radio group ends on the option chosen last
  for (const [element, edit] of edits ?? []) {
    if (!element.isConnected) continue;
    if ('checked' in edit) {
      const box = element as HTMLInputElement;
      if (box.checked === edit.checked) continue;
      box.checked = edit.checked;
    } else {
      if (element.value === edit.value) continue;
      element.value = edit.value;
    }
    element.dispatchEvent(new Event('input', { bubbles: true }));
    element.dispatchEvent(new Event('change', { bubbles: true }));
  }
}
