/**
 * Exponential backoff with "equal jitter": the n-th failure waits between half and all of
 * min(cap, base · 2^(n-1)) seconds, so retries spread out instead of arriving at the sink together.
 * `random` is injectable for tests (defaults to Math.random).
 */
export function retryDelaySeconds(
  attempt: number,
  opts: { baseSeconds?: number; capSeconds?: number; random?: () => number } = {},
): number {
  const base = opts.baseSeconds ?? 30;
  const cap = opts.capSeconds ?? 3600;
  const random = opts.random ?? Math.random;
  const n = Math.max(1, Math.floor(attempt));
  const ceiling = Math.min(cap, base * 2 ** Math.min(n - 1, 30));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
