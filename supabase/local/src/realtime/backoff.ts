// Reconnect delays for the database connections realtime keeps (LISTEN, the wal2json slot): retried
// forever, each wait double the last, capped, so a restart of minutes is survived without a hot loop.

export class Backoff {
  private readonly first: number;
  private readonly cap: number;
  private next = 0;

  constructor(firstMs = 100, capMs = 5000) {
    this.first = firstMs;
    this.cap = capMs;
  }

  /** The wait before the next attempt: first, then doubling, never above the cap. */
  delay(): number {
    const d = this.next === 0 ? this.first : Math.min(this.next * 2, this.cap);
    this.next = d;
    return d;
  }

  /** After a success the next failure starts again from the first delay. */
  reset(): void {
    this.next = 0;
  }
}
