/**
 * How much each figure samples, for `--quick` (about a minute) and the full run (about four
 * minutes on a quiet 2-core machine, under ten on a busy one). Warm-up runs are never recorded.
 */
export interface BenchConfig {
  slider: { points: number; warmup: number; runs: number; floorRuns: number }[];
  pageLoad: { points: number; warmup: number; runs: number };
  wire: { points: number; warmup: number; runs: number };
  creation: { points: number; batch: number; batches: number; warmupBatches: number; concurrency: number };
  memory: { points: number[]; counts: number[]; runs: number; concurrency: number };
  eventLoop: { sessions: number; everyMs: number; rows: number; warmupMs: number; windows: number; windowMs: number };
  fanout: { members: number[]; warmup: number; runs: number };
  sustained: { members: number; windows: number; windowMs: number; warmupMs: number };
}

export const FULL: BenchConfig = {
  slider: [
    { points: 1_000, warmup: 20, runs: 200, floorRuns: 200 },
    { points: 10_000, warmup: 20, runs: 200, floorRuns: 200 },
    { points: 100_000, warmup: 10, runs: 60, floorRuns: 40 },
  ],
  pageLoad: { points: 10_000, warmup: 2, runs: 15 },
  wire: { points: 10_000, warmup: 5, runs: 50 },
  creation: { points: 10_000, batch: 50, batches: 10, warmupBatches: 1, concurrency: 8 },
  memory: { points: [10_000, 100_000], counts: [0, 100, 1_000], runs: 3, concurrency: 8 },
  eventLoop: { sessions: 100, everyMs: 100, rows: 10, warmupMs: 2_000, windows: 5, windowMs: 4_000 },
  fanout: { members: [1_000, 5_000], warmup: 5, runs: 50 },
  sustained: { members: 1_000, windows: 5, windowMs: 1_000, warmupMs: 500 },
};

export const QUICK: BenchConfig = {
  slider: [
    { points: 1_000, warmup: 5, runs: 20, floorRuns: 20 },
    { points: 10_000, warmup: 5, runs: 20, floorRuns: 20 },
    { points: 100_000, warmup: 3, runs: 8, floorRuns: 8 },
  ],
  pageLoad: { points: 10_000, warmup: 1, runs: 5 },
  wire: { points: 10_000, warmup: 2, runs: 10 },
  creation: { points: 10_000, batch: 50, batches: 3, warmupBatches: 1, concurrency: 8 },
  memory: { points: [10_000, 100_000], counts: [0, 100, 1_000], runs: 1, concurrency: 8 },
  eventLoop: { sessions: 100, everyMs: 100, rows: 10, warmupMs: 1_000, windows: 2, windowMs: 2_000 },
  fanout: { members: [1_000, 5_000], warmup: 2, runs: 10 },
  sustained: { members: 1_000, windows: 2, windowMs: 500, warmupMs: 250 },
};
