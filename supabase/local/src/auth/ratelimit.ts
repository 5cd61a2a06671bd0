// In-memory sliding windows, as GoTrue keeps its limits per instance: requests per client address, and
// failures per account or per e-mailed code (where the client address cannot be relied on).
export class SlidingWindow {
  private readonly hits = new Map<string, number[]>();
  readonly limit: number;
  readonly windowMs: number;
  constructor(limit: number, windowMs: number) {
    this.limit = limit;
    this.windowMs = windowMs;
  }

  /** Whether `key` has used up the window (without counting a hit). */
  full(key: string, now = Date.now()): boolean {
    const since = now - this.windowMs;
    return (this.hits.get(key) ?? []).filter((t) => t > since).length >= this.limit;
  }

  /** Seconds until `key` has room again (0 when it has room now). */
  secondsLeft(key: string, now = Date.now()): number {
    if (!this.full(key, now)) return 0;
    const list = this.hits.get(key)!.filter((t) => t > now - this.windowMs);
    return Math.max(1, Math.ceil((list[list.length - this.limit] + this.windowMs - now) / 1000));
  }

  /** Drops every hit of `key` (a success ends a run of failures). */
  forget(key: string): void {
    this.hits.delete(key);
  }

  /** Records one hit for `key`; false when that hit is over the limit (it is then not counted). */
  take(key: string, now = Date.now()): boolean {
    const since = now - this.windowMs;
    const list = (this.hits.get(key) ?? []).filter((t) => t > since);
    if (list.length >= this.limit) {
      this.hits.set(key, list);
      return false;
    }
    list.push(now);
    this.hits.set(key, list);
    // Forget idle keys now and then so the map cannot grow without bound.
    if (this.hits.size > 10_000) for (const [k, v] of this.hits) if (!v.some((t) => t > since)) this.hits.delete(k);
    return true;
  }
}
