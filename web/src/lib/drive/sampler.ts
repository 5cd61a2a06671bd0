// How often the phone's position goes out while a route is in progress: live to the route's channel at most
// every 2 s (dispatch's map), and into driver_positions at most every 10 s (the server keeps no more either).
export const LIVE_EVERY_MS = 2_000;
export const SAMPLE_EVERY_MS = 10_000;

/** A gate that opens at most once per `everyMs` of the given clock. */
export function every(everyMs: number): (now: number) => boolean {
  let last = -Infinity;
  return (now) => {
    if (now - last < everyMs) return false;
    last = now;
    return true;
  };
}
