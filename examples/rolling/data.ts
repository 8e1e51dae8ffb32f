/**
 * A deterministic synthetic stand-in for Bokeh's sea-surface-temperature sample: hourly
 * readings with a seasonal swing, a daily cycle and seeded noise.
 */
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const START = Date.UTC(2016, 0, 1);

export interface Series {
  time: Float64Array;
  temperature: Float64Array;
}

/** Mulberry32: a tiny seeded generator, so every run (and every test) sees the same numbers. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function seaSurfaceTemperature(points = 10_000, seed = 43_18): Series {
  const random = seededRandom(seed);
  const time = new Float64Array(points);
  const temperature = new Float64Array(points);
  let drift = 0;
  for (let i = 0; i < points; i++) {
    const t = START + i * HOUR;
    const dayOfYear = (t - START) / DAY;
    drift = 0.98 * drift + (random() - 0.5) * 0.3;
    time[i] = t;
    temperature[i] =
      12 + 7 * Math.sin((2 * Math.PI * (dayOfYear - 110)) / 365) + 0.6 * Math.sin((2 * Math.PI * i) / 24) + drift + (random() - 0.5);
  }
  return { time, temperature };
}

/**
 * Mean of the readings in the `days` before each reading (a time window, like pandas'
 * `rolling("ND")`): for reading i, the mean over readings j with time[i] - days < time[j] ≤ time[i].
 * `days` = 0 returns the readings unchanged.
 */
export function rollingMean(time: Float64Array, values: Float64Array, days: number): Float64Array {
  if (days <= 0) return values;
  const window = days * DAY;
  const out = new Float64Array(values.length);
  let start = 0;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    sum += values[i]!;
    while (time[start]! <= time[i]! - window) sum -= values[start++]!;
    out[i] = sum / (i - start + 1);
  }
  return out;
}
