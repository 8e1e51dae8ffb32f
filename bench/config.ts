import type { SoakOptions } from "./soak.ts";
import type { StreamingOptions } from "./streaming.ts";

/**
 * How much each figure samples, for `--quick` (about a minute) and the full run (about six
 * minutes on a quiet 2-core machine, under ten on a busy one). Warm-up runs are never recorded.
 */
export interface BenchConfig {
  /** `everyRow`: the app's `?downsample=0` (a million rows drawn whole, for the comparison). */
  slider: { points: number; everyRow?: boolean; webgl?: boolean; warmup: number; runs: number; floorRuns: number }[];
  pageLoad: { points: number; warmup: number; runs: number };
  wire: { points: number; warmup: number; runs: number };
  creation: { points: number; batch: number; batches: number; warmupBatches: number; concurrency: number };
  memory: { points: number[]; counts: number[]; runs: number; concurrency: number };
  eventLoop: { sessions: number; everyMs: number; rows: number; warmupMs: number; windows: number; windowMs: number };
  fanout: { members: number[]; warmup: number; runs: number };
  sustained: { members: number; windows: number; windowMs: number; warmupMs: number };
  consumers: { consumers: number[]; warmup: number; runs: number };
  consumerMemory: { counts: number[]; runs: number; warmup: number };
  streamingBrowser: StreamingOptions;
  streamingLight: StreamingOptions & { sessions: number };
  soak: SoakOptions;
  /** Seconds each attack of `--only=hostile` runs. */
  hostileSeconds: number;
  /** Fresh `aperture serve` processes started for their RSS. */
  freshRss: { runs: number };
}

const STREAM = { rollover: 1_000, sampleMs: 200, maxGrowth: 0.05 };
const BROWSER_ROWS = [20, 100, 500, 2_000, 5_000, 10_000, 20_000, 50_000];
const LIGHT_ROWS = [10, 100, 1_000, 3_000, 10_000, 30_000];

export const FULL: BenchConfig = {
  slider: [
    { points: 1_000, warmup: 20, runs: 200, floorRuns: 200 },
    { points: 10_000, warmup: 20, runs: 200, floorRuns: 200 },
    { points: 100_000, warmup: 10, runs: 60, floorRuns: 40 },
    { points: 1_000_000, warmup: 10, runs: 60, floorRuns: 20 },
    { points: 1_000_000, everyRow: true, warmup: 2, runs: 8, floorRuns: 4 },
    { points: 10_000, webgl: true, warmup: 10, runs: 60, floorRuns: 20 },
  ],
  pageLoad: { points: 10_000, warmup: 2, runs: 15 },
  wire: { points: 10_000, warmup: 5, runs: 50 },
  creation: { points: 10_000, batch: 50, batches: 10, warmupBatches: 1, concurrency: 8 },
  memory: { points: [10_000, 100_000], counts: [0, 100, 1_000], runs: 3, concurrency: 8 },
  eventLoop: { sessions: 100, everyMs: 100, rows: 10, warmupMs: 2_000, windows: 5, windowMs: 4_000 },
  fanout: { members: [1_000, 5_000], warmup: 5, runs: 50 },
  sustained: { members: 1_000, windows: 5, windowMs: 1_000, warmupMs: 500 },
  consumers: { consumers: [1_000, 5_000], warmup: 5, runs: 40 },
  consumerMemory: { counts: [0, 100, 1_000], runs: 3, warmup: 100 },
  streamingBrowser: { ...STREAM, everyMs: 20, rows: BROWSER_ROWS, warmupMs: 1_000, windowMs: 4_000 },
  streamingLight: { ...STREAM, sessions: 100, everyMs: 100, rows: LIGHT_ROWS, warmupMs: 1_000, windowMs: 4_000 },
  soak: { durationMs: 360_000, warmupMs: 150_000, sampleMs: 5_000, tickerSessions: 200, rollingSessions: 50, moveEveryMs: 1_000 },
  hostileSeconds: 8,
  freshRss: { runs: 9 },
};

export const QUICK: BenchConfig = {
  slider: [
    { points: 1_000, warmup: 5, runs: 20, floorRuns: 20 },
    { points: 10_000, warmup: 5, runs: 20, floorRuns: 20 },
    { points: 100_000, warmup: 3, runs: 8, floorRuns: 8 },
    { points: 1_000_000, warmup: 3, runs: 10, floorRuns: 5 },
    { points: 1_000_000, everyRow: true, warmup: 2, runs: 3, floorRuns: 2 },
    { points: 10_000, webgl: true, warmup: 3, runs: 10, floorRuns: 5 },
  ],
  pageLoad: { points: 10_000, warmup: 1, runs: 5 },
  wire: { points: 10_000, warmup: 2, runs: 10 },
  creation: { points: 10_000, batch: 50, batches: 3, warmupBatches: 1, concurrency: 8 },
  memory: { points: [10_000, 100_000], counts: [0, 100, 1_000], runs: 1, concurrency: 8 },
  eventLoop: { sessions: 100, everyMs: 100, rows: 10, warmupMs: 1_000, windows: 2, windowMs: 2_000 },
  fanout: { members: [1_000, 5_000], warmup: 2, runs: 10 },
  sustained: { members: 1_000, windows: 2, windowMs: 500, warmupMs: 250 },
  consumers: { consumers: [1_000, 5_000], warmup: 2, runs: 8 },
  consumerMemory: { counts: [0, 1_000], runs: 1, warmup: 100 },
  streamingBrowser: { ...STREAM, everyMs: 20, rows: [100, 2_000, 10_000, 50_000], warmupMs: 500, windowMs: 2_000 },
  streamingLight: { ...STREAM, sessions: 100, everyMs: 100, rows: [100, 1_000, 10_000, 30_000], warmupMs: 500, windowMs: 2_000 },
  soak: { durationMs: 150_000, warmupMs: 100_000, sampleMs: 2_500, tickerSessions: 50, rollingSessions: 10, moveEveryMs: 1_000 },
  hostileSeconds: 4,
  freshRss: { runs: 3 },
};
