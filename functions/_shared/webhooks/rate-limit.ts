/**
 * A fixed-window request counter per key (a partner), kept in the function's memory: it shields the database
 * from a runaway or hostile sender. Each edge worker counts on its own, so the limit is per worker — enough to
 * stop a flood, not an exact quota.
 */
export interface RateLimiter {
  /** Counts one request for the key; null when allowed, else the seconds until the window reopens. */
  hit(key: string, nowMs: number): number | null;
}

export function fixedWindowLimiter(limit: number, windowMs: number): RateLimiter {
  const windows = new Map<string, { startsAt: number; count: number }>();
  return {
    hit(key, nowMs) {
      let w = windows.get(key);
      if (!w || nowMs - w.startsAt >= windowMs) {
        // forget finished windows now and then, so unknown keys cannot grow the map without end
        if (windows.size > 10_000) for (const [k, v] of windows) if (nowMs - v.startsAt >= windowMs) windows.delete(k);
        w = { startsAt: nowMs, count: 0 };
        windows.set(key, w);
      }
      w.count++;
      return w.count > limit ? Math.max(1, Math.ceil((w.startsAt + windowMs - nowMs) / 1000)) : null;
    },
  };
}
