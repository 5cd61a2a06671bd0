// A disclosure (<details>) opened before the page's script loaded is closed again by hydration, which resets its
// `open` attribute to what the server rendered: on a slow phone, "Add a service" tapped early folds shut by
// itself. app.html notes every toggle from the first byte; once the page is hydrated, the ones the visitor left
// open are opened again and the noting stops.

interface EarlyToggleWindow {
  __earlyToggles?: Map<HTMLDetailsElement, boolean> | null;
  __noteEarlyToggle?: ((e: Event) => void) | null;
  document: Document;
}

/** Reopens what the visitor left open before hydration and is still on the page, and stops noting toggles. */
export function reopenEarlyDisclosures(w: EarlyToggleWindow): void {
  const seen = w.__earlyToggles;
  if (w.__noteEarlyToggle) w.document.removeEventListener('toggle', w.__noteEarlyToggle, true);
  w.__earlyToggles = null;
  w.__noteEarlyToggle = null;
  for (const [details, open] of seen ?? []) {
    if (open && details.isConnected) details.open = true;
  }
}
