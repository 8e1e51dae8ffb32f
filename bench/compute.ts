/**
 * Floor, part 1: the server callback's own compute for one slider move of the rolling
 * example, `rollingMean` over N points, in Node, alternating the same two windows the
 * browser run uses.
 */
import { rollingMean, seaSurfaceTemperature } from "../examples/rolling/data.ts";
import { now, summarize, type Summary } from "./stats.ts";

/** The two slider values a run alternates between (days of smoothing). */
export const SLIDER_VALUES: readonly [number, number] = [7, 14];

export function measureCompute(options: { points: number; warmup: number; runs: number }): Summary {
  const { time, temperature } = seaSurfaceTemperature(options.points);
  const samples: number[] = [];
  let sink = 0;
  for (let i = -options.warmup; i < options.runs; i++) {
    const days = SLIDER_VALUES[Math.abs(i) % 2]!;
    const t0 = now();
    const out = rollingMean(time, temperature, days);
    const elapsed = now() - t0;
    sink += out[out.length - 1]!;
    if (i >= 0) samples.push(elapsed);
  }
  if (!Number.isFinite(sink)) throw new Error("rollingMean produced a non-finite value");
  return summarize(samples);
}
