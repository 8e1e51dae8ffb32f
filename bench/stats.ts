/** Summaries of repeated samples: median and p95, plus p99 when there are enough samples. */

export interface Summary {
  /** Number of samples after warm-up. */
  n: number;
  median: number;
  p95: number;
  /** Only with ≥ 200 samples: fewer cannot tell a p99 from the maximum. */
  p99?: number;
  min: number;
  max: number;
}

export const P99_MIN_SAMPLES = 200;

/** The `q` quantile (0…1) of sorted values, linearly interpolated between neighbours. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low);
}

export function summarize(samples: readonly number[]): Summary {
  const finite = samples.filter(Number.isFinite);
  if (finite.length === 0) throw new Error("no finite samples to summarize");
  const sorted = [...finite].sort((a, b) => a - b);
  return {
    n: sorted.length,
    median: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
    ...(sorted.length >= P99_MIN_SAMPLES ? { p99: quantile(sorted, 0.99) } : {}),
    min: sorted[0]!,
    max: sorted[sorted.length - 1]!,
  };
}

/** Milliseconds since an arbitrary origin, sub-millisecond. */
export function now(): number {
  return performance.now();
}

/** Runs `fn` `warmup` times unrecorded, then `runs` times, returning what each recorded run returned. */
export async function repeat<T>(options: { warmup: number; runs: number }, fn: (run: number) => Promise<T> | T): Promise<T[]> {
  for (let i = 0; i < options.warmup; i++) await fn(-1 - i);
  const results: T[] = [];
  for (let i = 0; i < options.runs; i++) results.push(await fn(i));
  return results;
}
