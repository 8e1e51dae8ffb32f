/**
 * The printed table: each figure beside the target and what Bokeh server / Django
 * Channels measured on the same kind of machine (issue 5).
 */
import type { BenchResults } from "./results.ts";
import type { Summary } from "./stats.ts";

export interface Row {
  figure: string;
  measured: string;
  target: string;
  reference: string;
  /** "yes" / "no" against the target; "—" without a target. */
  met: string;
}

const MIB = 1024 * 1024;

function num(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 10) return value.toFixed(1);
  if (abs >= 0.1) return value.toFixed(2);
  return value.toFixed(3);
}

/** "24.5 ms (p95 31.4, p99 40.2)" */
export function spread(summary: Summary, unit: string, scale = 1): string {
  const tail = [`p95 ${num(summary.p95 / scale)}`, ...(summary.p99 === undefined ? [] : [`p99 ${num(summary.p99 / scale)}`])];
  return `${num(summary.median / scale)} ${unit} (${tail.join(", ")}; n=${summary.n})`;
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;
const atMost = (value: number, limit: number) => (value <= limit ? "yes" : "no");
const atLeast = (value: number, limit: number) => (value >= limit ? "yes" : "no");
const both = (...verdicts: string[]) => (verdicts.every((v) => v === "yes") ? "yes" : "no");

function failedRow(figure: string, error: string): Row {
  return { figure, measured: `failed: ${error.slice(0, 120)}`, target: "", reference: "", met: "no" };
}

/**
 * Stock Bokeh server 3.3.4 on the same app, Chromium and machine, to the same endpoint (its
 * canvas commit included), from issue 15's side-by-side run; the targets are half of it.
 */
const SLIDER_TARGETS: Record<number, { target: number; bokeh: number }> = {
  1_000: { target: 33, bokeh: 67 },
  10_000: { target: 20, bokeh: 40 },
  100_000: { target: 170, bokeh: 339 },
};

function sizeLabel(points: number): string {
  if (points >= 1_000_000) return `${points / 1_000_000}M`;
  return points >= 1000 ? `${points / 1000}k` : String(points);
}

/** The size, and how the plot was drawn when it was not every row by default. */
function sliderLabel(result: { points: number; drawn: number; everyRow: boolean; webgl?: boolean }): string {
  if (result.webgl) return `${sizeLabel(result.points)}, WebGL (scattergl; software GL in headless Chromium)`;
  if (result.everyRow) return `${sizeLabel(result.points)}, every row (downsample: false)`;
  return result.drawn < result.points ? `${sizeLabel(result.points)}, downsampled (${result.drawn} drawn)` : sizeLabel(result.points);
}

/** A target for a downsampled run: within 1.5 × the 1k round trip of the same run (issue 15). */
function downsampledGoal(results: BenchResults, points: number): number | undefined {
  const at1k = (results.slider ?? []).find((result) => result.points === 1_000);
  return points > 100_000 && at1k ? 1.5 * at1k.roundTrip.median : undefined;
}

function sliderRows(results: BenchResults): Row[] {
  if (results.failed.slider) return [failedRow("slider round trip (Chromium)", results.failed.slider)];
  const rows: Row[] = [];
  for (const result of results.slider ?? []) {
    const goal = result.webgl ? undefined : SLIDER_TARGETS[result.points];
    const relative = result.everyRow ? undefined : downsampledGoal(results, result.points);
    const n = sliderLabel(result);
    rows.push({
      figure: `slider round trip to redrawn plot, ${n} points (Chromium)`,
      measured: spread(result.roundTrip, "ms"),
      target: goal ? `≤ ${goal.target} ms p50` : relative ? `≤ 1.5 × the 1k figure (${num(relative)} ms)` : "",
      reference: goal ? `${goal.bokeh} ms` : "",
      met: goal ? atMost(result.roundTrip.median, goal.target) : relative ? atMost(result.roundTrip.median, relative) : "—",
    });
    rows.push({
      figure: `  of which ${n}: data arrived in the page / arrived → repainted (the client's drawing)`,
      measured: `${num(result.arrived.median)} / ${num(result.drawing.median)} ms`,
      target: "",
      reference: "",
      met: "—",
    });
    const { compute, react, echo, median } = result.floor;
    rows.push({
      figure: `  floor ${n}: callback compute + Plotly.react alone + WebSocket echo; overhead = round trip / floor`,
      measured: `${num(median)} ms = ${num(compute.median)} + ${num(react.median)} + ${num(echo.median)} ms; overhead ${result.overhead.toFixed(2)}×`,
      target: "",
      reference: "",
      met: "—",
    });
  }
  for (const result of results.slider ?? []) {
    const at10k = result.points === 10_000 && !result.webgl;
    const downsampled = result.drawn < result.points && result.points > 100_000;
    rows.push({
      figure: `bytes per update (handler replaces all of source.data), ${sliderLabel(result)}, float64, browser frames`,
      measured: `${kb(result.wire.bytesPerUpdate)} in ${num(result.wire.framesPerUpdate)} frames = ${result.wire.ratio.toFixed(3)} × the ${kb(result.wire.rawBytes)} changed`,
      target: at10k ? "≤ 81 KB" : downsampled ? "≤ 40 KB" : "",
      reference: at10k ? "240.7 KB" : "",
      met: at10k ? atMost(result.wire.bytesPerUpdate, 81_000) : downsampled ? atMost(result.wire.bytesPerUpdate, 40_000) : "—",
    });
  }
  return rows;
}

function wireRows(results: BenchResults): Row[] {
  if (results.failed.wire) return [failedRow("bytes per update (light client)", results.failed.wire)];
  return (results.wire ?? []).map((result) => {
    const float32 = result.app === "rolling32";
    return {
      figure: `bytes per update, ${sizeLabel(result.points)}, ${float32 ? "float32" : "float64"} columns, light client (one patch, one ack)`,
      measured: `${kb(result.bytesPerUpdate)} = ${result.ratio.toFixed(3)} × the ${kb(result.rawBytes)} changed`,
      target: float32 && result.points === 10_000 ? "≤ 41 KB" : "",
      reference: "",
      met: float32 && result.points === 10_000 ? atMost(result.bytesPerUpdate, 41_000) : "—",
    };
  });
}

function sessionRows(results: BenchResults): Row[] {
  const rows: Row[] = [];
  const goals: Record<number, number> = { 10_000: 0.1, 100_000: 0.3 };
  const bokeh: Record<number, string> = { 10_000: "0.51 MiB", 100_000: "2.6 MiB" };
  if (results.failed.memory) rows.push(failedRow("server memory per idle session", results.failed.memory));
  for (const result of results.memory ?? []) {
    const most = result.steps[result.steps.length - 1]!;
    rows.push({
      figure: `server memory per idle session, ${sizeLabel(result.points)} points (RSS after GC, ${most.sessions} sessions vs 0)`,
      measured: `${spread(result.rssPerSession, "MiB", MIB)}; heap+external ${num(result.heapAndExternalPerSession.median / MIB)} MiB`,
      target: goals[result.points] ? `≤ ${goals[result.points]} MiB` : "",
      reference: bokeh[result.points] ?? "",
      met: goals[result.points] ? atMost(result.rssPerSession.median / MIB, goals[result.points]!) : "—",
    });
    rows.push({
      figure: `  same, RSS without a forced GC (what the process keeps on its own)`,
      measured: spread(result.rssPerSessionWithoutGc, "MiB", MIB),
      target: result.points === 100_000 ? "≤ 0.3 MiB" : "",
      reference: "",
      met: result.points === 100_000 ? atMost(result.rssPerSessionWithoutGc.median / MIB, 0.3) : "—",
    });
  }
  if (results.failed["fresh-rss"]) rows.push(failedRow("fresh server RSS", results.failed["fresh-rss"]));
  if (results.freshRss)
    rows.push({
      figure: "fresh `aperture serve examples/rolling` RSS (the built package, once serving, no GC)",
      measured: spread(results.freshRss.rss, "MiB", MIB),
      target: "≤ 70 MiB",
      reference: "64 MiB",
      met: atMost(results.freshRss.rss.median / MIB, 70),
    });
  if (results.failed.creation) rows.push(failedRow("sessions created per second", results.failed.creation));
  const creation = results.creation;
  if (creation) {
    rows.push({
      figure: `sessions created per second, ${sizeLabel(creation.points)} points (the page's socket asks → snapshot received, ${creation.concurrency} at a time)`,
      measured: `${spread(creation.perSecond, "/s")}; one session ${num(creation.latency.median)} ms`,
      target: "≥ 200/s",
      reference: "9 (Bokeh's client), 40 (page GETs)",
      met: atLeast(creation.perSecond.median, 200),
    });
  }
  return rows;
}

function pageLoadRows(results: BenchResults): Row[] {
  const pageLoadFailed = results.failed.pageLoad ?? results.failed["page-load"];
  if (pageLoadFailed) return [failedRow("page load to first painted plot", pageLoadFailed)];
  const load = results.pageLoad;
  if (!load) return [];
  const m = load.milestones;
  return [
    {
      figure: `page load to first painted plot, ${sizeLabel(load.points)} points (Chromium, empty cache)`,
      measured: `${spread(load.firstPaint, "ms")}; HTML ${num(m.html.median)}, bundle downloaded ${num(m.bundle.median)}, evaluated ${num(m.evaluated.median)}, socket open ${num(m.socketOpen.median)}, document in ${num(m.snapshot.median)}, plotly downloaded ${num(m.plotly.median)} ms`,
      target: "≤ 300 ms",
      reference: "690–760 ms",
      met: atMost(load.firstPaint.median, 300),
    },
    {
      figure: `  bytes transferred until then (HTTP as sent + WebSocket)`,
      measured: `${(load.bytes.median / 1e6).toFixed(2)} MB (HTTP ${(load.httpBytes.median / 1e6).toFixed(2)}, socket ${(load.socketBytes.median / 1e6).toFixed(2)})`,
      target: "≤ 1.5 MB",
      reference: "3.6 MB",
      met: atMost(load.bytes.median, 1.5e6),
    },
  ];
}

/** Issue 15's byte target: 60 % of the 516 KB (compressed) a figure page downloaded before. */
const BUNDLE_TARGET = 0.6 * 516_000;

function bundleRows(results: BenchResults): Row[] {
  const bundle = results.bundle;
  if (!bundle) return [];
  const each = bundle.files.map((file) => `${file.name.replace(/-[\w-]+\.js$/, "")} ${kb(file.brotli)}`).join(" + ");
  return [
    {
      figure: "client JavaScript a figure page downloads (the build's brotli-11 / gzip-9 files)",
      measured: `${kb(bundle.brotli)} brotli (${each}); ${kb(bundle.gzip)} gzip; every script ${kb(bundle.everyScript.brotli)} brotli, the rest loaded only by pages that draw with it`,
      target: `≤ ${kb(BUNDLE_TARGET)} brotli`,
      reference: "516 KB",
      met: atMost(bundle.brotli, BUNDLE_TARGET),
    },
  ];
}

function fanoutRows(results: BenchResults): Row[] {
  if (results.failed.fanout) return [failedRow("fan-out through the channel layer", results.failed.fanout)];
  const fanout = results.fanout;
  if (!fanout) return [];
  const line = (list: typeof fanout.memory) =>
    list
      .map(
        (r) =>
          `${r.members}: ${num(r.allDelivered.median)} ms (p95 ${num(r.allDelivered.p95)}; per member p50 ${num(r.perClient.median)}, p99 ${num(r.perClient.p99 ?? r.perClient.max)})`,
      )
      .join("; ");
  const medians = (list: typeof fanout.memory) => list.map((r) => r.allDelivered.median);
  const under = (list: typeof fanout.memory, limits: number[]) => both(...medians(list).map((m, i) => atMost(m, limits[i]!)));
  const rate = (r: typeof fanout.sustainedMemory) => `${spread(r.deliveriesPerSecond, "k/s", 1000)} to ${r.members} members`;
  return [
    {
      figure: "one group message to 1,000 / 5,000 channels with a pending receive, all delivered, in memory",
      measured: line(fanout.memory),
      target: "≤ 10 / 50 ms",
      reference: "178 ms / 10.1 s",
      met: under(fanout.memory, [10, 50]),
    },
    {
      figure: "  same through Redis, 1 process",
      measured: line(fanout.redis1),
      target: "≤ 20 / 100 ms",
      reference: "",
      met: under(fanout.redis1, [20, 100]),
    },
    {
      figure: "  same through Redis, 2 processes (half the members each)",
      measured: line(fanout.redis2),
      target: "≤ 20 / 100 ms",
      reference: "53 ms / 538 ms",
      met: under(fanout.redis2, [20, 100]),
    },
    {
      figure: "group deliveries per second, one process, in memory",
      measured: rate(fanout.sustainedMemory),
      target: "≥ 200k/s",
      reference: "3.7k–12k/s",
      met: atLeast(fanout.sustainedMemory.deliveriesPerSecond.median, 200_000),
    },
    {
      figure: "  same through Redis",
      measured: rate(fanout.sustainedRedis),
      target: "≥ 200k/s",
      reference: "",
      met: atLeast(fanout.sustainedRedis.deliveriesPerSecond.median, 200_000),
    },
  ];
}

const KIB = 1024;

function consumerRows(results: BenchResults): Row[] {
  const rows: Row[] = [];
  const failed = results.failed.consumers;
  if (failed) rows.push(failedRow("one group message to connected WebSocket consumers", failed));
  const consumers = results.consumers;
  if (consumers) {
    type List = typeof consumers.memory;
    const line = (list: List) =>
      list
        .map(
          (r) =>
            `${r.consumers}: ${num(r.allDelivered.median)} ms (p95 ${num(r.allDelivered.p95)}; per client p50 ${num(r.perClient.median)}, p99 ${num(r.perClient.p99 ?? r.perClient.max)}; server handed over ${num(r.handedOver.median)})`,
        )
        .join("; ");
    const under = (list: List, limits: number[]) => both(...list.map((r, i) => atMost(r.allDelivered.median, limits[i]!)));
    rows.push(
      {
        figure: "one group message to 1,000 / 5,000 connected WebSocket consumers, all delivered to their clients, in memory",
        measured: line(consumers.memory),
        target: "≤ 10 / 50 ms",
        reference: "178 ms / 10.1 s",
        met: under(consumers.memory, [10, 50]),
      },
      {
        figure: "  same through Redis, 1 server process",
        measured: line(consumers.redis1),
        target: "≤ 20 / 100 ms",
        reference: "",
        met: under(consumers.redis1, [20, 100]),
      },
      {
        figure: "  same through Redis, 2 server processes (half the sockets each)",
        measured: line(consumers.redis2),
        target: "≤ 20 / 100 ms",
        reference: "53 ms / 538 ms",
        met: under(consumers.redis2, [20, 100]),
      },
    );
  }
  const memoryFailed = results.failed["consumer-memory"];
  if (memoryFailed) rows.push(failedRow("server memory per idle WebSocket consumer", memoryFailed));
  const memory = results.consumerMemory;
  if (memory) {
    const most = memory.steps[memory.steps.length - 1]!;
    rows.push({
      figure: `server memory per idle WebSocket consumer (RSS after GC, ${most.consumers} consumers vs 0, each in one group)`,
      measured: `${spread(memory.rssPerConsumer, "KiB", KIB)}; heap+external ${num(memory.heapAndExternalPerConsumer.median / KIB)} KiB`,
      target: "≤ 8 KiB",
      reference: "32–38 KiB",
      met: atMost(memory.rssPerConsumer.median / KIB, 8),
    });
  }
  return rows;
}

function streamingRows(results: BenchResults): Row[] {
  if (results.failed.streaming) return [failedRow("streaming with the plot keeping up", results.failed.streaming)];
  const streaming = results.streaming;
  if (!streaming) return [];
  const pts = (value: number) => (value >= 1e6 ? `${num(value / 1e6)} M` : value >= 1000 ? `${num(value / 1000)} k` : num(value));
  const describe = (run: NonNullable<typeof streaming.browser>) => {
    const top = run.fellBehindAt === undefined ? "≥ " : "";
    const behind = run.fellBehindAt === undefined ? "kept up at every step tried" : `fell behind at ${pts(run.fellBehindAt)}/s`;
    const total = run.sessions > 1 ? ` (${pts(run.pointsPerSecond * run.sessions)}/s in all)` : "";
    // The server could not stream as fast as asked: the limit there is the server's, not the client's.
    const last = run.steps.filter((step) => step.keptUp).at(-1);
    const serverBound =
      last && last.pointsPerSecond < 0.9 * last.askedPointsPerSecond
        ? `; the server streamed only that of the ${pts(last.askedPointsPerSecond)}/s asked`
        : "";
    return `${top}${pts(run.pointsPerSecond)} points/s${total}${serverBound}; ${behind}; ${run.steps.length} steps`;
  };
  const rows: Row[] = [];
  if (streaming.browser) {
    const run = streaming.browser;
    rows.push({
      figure: `streaming: points/s one session streams to Chromium with the plot keeping up (update every ${run.everyMs} ms, last ${run.rollover} kept)`,
      measured: describe(run),
      target: "(none set)",
      reference: "",
      met: "—",
    });
  }
  if (streaming.light) {
    const run = streaming.light;
    rows.push({
      figure: `  same per session with ${run.sessions} light sessions at once (update every ${run.everyMs} ms)`,
      measured: describe(run),
      target: "(none set)",
      reference: "",
      met: "—",
    });
  }
  return rows;
}

function eventLoopRows(results: BenchResults): Row[] {
  const eventLoopFailed = results.failed.eventLoop ?? results.failed["event-loop"];
  if (eventLoopFailed) return [failedRow("event-loop delay", eventLoopFailed)];
  const loop = results.eventLoop;
  if (!loop) return [];
  return [
    {
      figure: `server event-loop delay p99 while ${loop.sessions} light sessions get a streamed update every ${loop.everyMs} ms`,
      measured: `${spread(loop.p99, "ms")} over windows; p50 ${num(loop.p50.median)} ms, worst ${num(loop.max)} ms; ${num(loop.updatesPerSecond.median)} updates/s`,
      target: "(none set)",
      reference: "",
      met: "—",
    },
  ];
}

export function buildRows(results: BenchResults): Row[] {
  return [
    ...sliderRows(results),
    ...wireRows(results),
    ...sessionRows(results),
    ...pageLoadRows(results),
    ...bundleRows(results),
    ...fanoutRows(results),
    ...consumerRows(results),
    ...eventLoopRows(results),
    ...streamingRows(results),
  ];
}

export function formatTable(rows: Row[]): string {
  const escape = (text: string) => text.replaceAll("|", "\\|");
  return [
    "| figure | Aperture: median (p95, p99) | target | Bokeh / Channels | met |",
    "|---|---|---|---|---|",
    ...rows.map((row) => `| ${[row.figure, row.measured, row.target, row.reference, row.met].map(escape).join(" | ")} |`),
  ].join("\n");
}
