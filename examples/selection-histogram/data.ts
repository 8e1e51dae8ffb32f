/** Seeded normal samples and numpy's `histogram`, for the selection histogram example. */

/** A Park–Miller generator turned normal by Box–Muller: the same samples in every process. */
export function normalSampler(seed: number): (loc: number, size: number) => Float64Array {
  let state = seed;
  const uniform = () => (state = (state * 16807) % 2147483647) / 2147483647;
  return (loc, size) =>
    Float64Array.from({ length: size }, () => loc + Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform()));
}

/** `bins + 1` equal edges from the smallest value to the largest, as numpy's. */
export function histogramEdges(values: ArrayLike<number>, bins: number): Float64Array {
  let [low, high] = [Infinity, -Infinity];
  for (let i = 0; i < values.length; i++) [low, high] = [Math.min(low, values[i]!), Math.max(high, values[i]!)];
  return Float64Array.from({ length: bins + 1 }, (_, i) => low + ((high - low) * i) / bins);
}

/** Counts per bin of `edges` (the last bin includes its right edge, as numpy's `histogram`). */
export function histogram(values: ArrayLike<number>, edges: Float64Array, rows?: Iterable<number>): Float64Array {
  const counts = new Float64Array(edges.length - 1);
  const [low, high] = [edges[0]!, edges.at(-1)!];
  const width = (high - low) / counts.length;
  for (const i of rows ?? Array.from({ length: values.length }, (_, k) => k)) {
    const v = values[i]!;
    if (v < low || v > high) continue;
    const bin = Math.min(counts.length - 1, Math.floor((v - low) / width));
    counts[bin] = counts[bin]! + 1;
  }
  return counts;
}

export const concat = (...parts: Float64Array[]): Float64Array => {
  const out = new Float64Array(parts.reduce((n, part) => n + part.length, 0));
  parts.reduce((at, part) => (out.set(part, at), at + part.length), 0);
  return out;
};
