/** Reconnect delays: exponential with jitter, so a restarted server is not hit by every page at once. */
export interface BackoffOptions {
  /** Delay before the first retry, before jitter. */
  baseMs?: number;
  /** Upper bound of any delay. */
  maxMs?: number;
  /** A number in [0, 1); injectable for tests. */
  random?: () => number;
}

/**
 * The delay before retry number `attempt` (0 for the first): a uniform pick in the upper half
 * of `min(maxMs, baseMs · 2^attempt)` ("equal jitter": never zero, never above the cap).
 */
export function backoffDelay(attempt: number, options: BackoffOptions = {}): number {
  const { baseMs = 500, maxMs = 10_000, random = Math.random } = options;
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(Math.max(0, attempt), 30));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
