/**
 * Items 1 and 2 in Chromium: the rolling example's slider round trip (slider value changed
 * in the page → plot redrawn with the server's new data), its floor, and the bytes each
 * update costs on the wire, counted from the frames the page received.
 */
import { fileURLToPath } from "node:url";
import type { Browser, Page, WebSocket as PageSocket } from "@playwright/test";
import { DOWNSAMPLE_ABOVE } from "../server/models/downsampling/downsampler.ts";
import { PROTOCOL_VERSION } from "../server/protocol/index.ts";
import { SLIDER_VALUES, measureCompute } from "./compute.ts";
import { startPageProfiler } from "./page-profile.ts";
import type { ServerChild } from "./server-process.ts";
import { summarize, type Summary } from "./stats.ts";

const PROBE = fileURLToPath(new URL("page/probe.js", import.meta.url));
const ARRIVALS = fileURLToPath(new URL("page/arrivals.js", import.meta.url));
const MOVE_TIMEOUT_MS = 15_000;

interface Probe {
  graph(): number;
  /** `[total, arrived]` ms: until repainted, and until the server's first binary message (the data) after the move. */
  move(value: number, timeoutMs: number): Promise<[number, number]>;
  reactAlone(values: readonly number[], warmup: number, runs: number): Promise<number[]>;
  echo(appUrl: string, protocol: number, warmup: number, runs: number): Promise<number[]>;
}
type WithProbe = { __apertureBench: Probe };

export interface SliderOptions {
  points: number;
  /** Open the app with `?downsample=0`: every row is sent and drawn. */
  everyRow?: boolean;
  /** Open the app with `?backend=webgl`: the lines are Plotly scattergl traces. */
  webgl?: boolean;
  warmup: number;
  runs: number;
  /** Runs of each floor part (compute, Plotly alone, echo). */
  floorRuns: number;
  /** Write a Chromium CPU profile of the measured moves here (`--profile`). */
  pageProfilePath?: string;
}

export interface Floor {
  /** The callback's compute (`rollingMean`) in Node (ms). */
  compute: Summary;
  /** `Plotly.react` with the same new data on a same-size div in the page (ms). */
  react: Summary;
  /** A page WebSocket `ping` → `pong` with the server (ms). */
  echo: Summary;
  /** Sum of the three medians (ms). */
  median: number;
}

export interface WireResult {
  /** Bytes of server→page frames per slider update (payloads: patch + ack). */
  bytesPerUpdate: number;
  framesPerUpdate: number;
  /** Bytes of page→server frames per update. */
  sentBytesPerUpdate: number;
  /** The changed data itself: one float64 column of N points. */
  rawBytes: number;
  /** bytesPerUpdate / rawBytes. */
  ratio: number;
}

export interface SliderResult {
  points: number;
  /** Drawn points of the smoothed line (fewer than `points` when downsampled). */
  drawn: number;
  everyRow: boolean;
  webgl: boolean;
  roundTrip: Summary;
  /** Of the round trip: until the data arrived in the page, and from then until repainted (the client's drawing). */
  arrived: Summary;
  drawing: Summary;
  floor: Floor;
  /** roundTrip median / floor median. */
  overhead: number;
  wire: WireResult;
}

/** Counts the frames of the page's sockets while `counting` is on. */
function frameCounter(page: Page) {
  const counts = { counting: false, received: 0, receivedFrames: 0, sent: 0 };
  const size = (payload: string | Buffer) => (typeof payload === "string" ? Buffer.byteLength(payload) : payload.byteLength);
  page.on("websocket", (socket: PageSocket) => {
    socket.on("framereceived", ({ payload }) => {
      if (!counts.counting) return;
      counts.received += size(payload);
      counts.receivedFrames += 1;
    });
    socket.on("framesent", ({ payload }) => {
      if (counts.counting) counts.sent += size(payload);
    });
  });
  return counts;
}

/** Opens the rolling example at N points and waits until its plot holds all of them (or, downsampled, its decimation). */
export async function openRolling(
  browser: Browser,
  server: ServerChild,
  points: number,
  options: { everyRow?: boolean; webgl?: boolean } = {},
): Promise<{ page: Page; frames: ReturnType<typeof frameCounter>; drawn: number; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors: Error[] = [];
  page.on("pageerror", (error) => errors.push(error));
  const frames = frameCounter(page);
  await page.addInitScript({ path: ARRIVALS });
  await page.goto(
    `${server.appUrls.rolling}?points=${points}${options.everyRow ? "&downsample=0" : ""}${options.webgl ? "&backend=webgl" : ""}`,
  );
  await page.locator('.aperture-root[data-sync-status="synced"]').waitFor();
  await page.addScriptTag({ path: PROBE });
  const whole = points <= DOWNSAMPLE_ABOVE || options.everyRow === true;
  await page.waitForFunction(
    ([n, all]) => {
      try {
        const drawn = (globalThis as unknown as WithProbe).__apertureBench.graph();
        return all ? drawn === n : drawn > 0 && drawn < n;
      } catch {
        return false;
      }
    },
    [points, whole] as const,
  );
  if (errors.length > 0) throw new Error(`the page threw: ${errors.map((error) => error.message).join("; ")}`);
  const drawn = await page.evaluate(() => (globalThis as unknown as WithProbe).__apertureBench.graph());
  return { page, frames, drawn, close: () => context.close() };
}

function move(page: Page, value: number): Promise<[number, number]> {
  return page.evaluate(([v, timeout]) => (globalThis as unknown as WithProbe).__apertureBench.move(v, timeout), [
    value,
    MOVE_TIMEOUT_MS,
  ] as const);
}

export async function measureSlider(browser: Browser, server: ServerChild, options: SliderOptions): Promise<SliderResult> {
  const { page, frames, drawn, close } = await openRolling(browser, server, options.points, {
    everyRow: options.everyRow,
    webgl: options.webgl,
  });
  try {
    // At least one warm-up move to each value: the Plotly-alone floor replays what the server sent.
    const warmup = Math.max(SLIDER_VALUES.length, options.warmup);
    for (let i = 0; i < warmup; i++) await move(page, SLIDER_VALUES[i % 2]!);
    const samples: [number, number][] = [];
    const profiler = options.pageProfilePath ? await startPageProfiler(page) : undefined;
    frames.counting = true;
    for (let i = 0; i < options.runs; i++) samples.push(await move(page, SLIDER_VALUES[(warmup + i) % 2]!));
    await profiler?.stop(options.pageProfilePath!);
    // The ack of the last update follows its patch; let it arrive before counting stops.
    await page.waitForTimeout(300);
    frames.counting = false;
    const floorWarmup = Math.min(5, options.floorRuns);
    const react = await page.evaluate(([values, w, r]) => (globalThis as unknown as WithProbe).__apertureBench.reactAlone(values, w, r), [
      SLIDER_VALUES,
      floorWarmup,
      options.floorRuns,
    ] as const);
    const echo = await page.evaluate(
      ([url, protocol, w, r]) => (globalThis as unknown as WithProbe).__apertureBench.echo(url, protocol, w, r),
      [server.appUrls.rolling!, PROTOCOL_VERSION, floorWarmup * 4, options.floorRuns * 4] as const,
    );
    const compute = measureCompute({ points: options.points, warmup: floorWarmup, runs: options.floorRuns });
    const floor = { compute, react: summarize(react), echo: summarize(echo) };
    const floorMedian = floor.compute.median + floor.react.median + floor.echo.median;
    const roundTrip = summarize(samples.map(([total]) => total));
    const rawBytes = options.points * Float64Array.BYTES_PER_ELEMENT;
    const bytesPerUpdate = frames.received / options.runs;
    return {
      points: options.points,
      drawn,
      everyRow: options.everyRow === true,
      webgl: options.webgl === true,
      roundTrip,
      arrived: summarize(samples.map(([, arrived]) => arrived)),
      drawing: summarize(samples.map(([total, arrived]) => total - arrived)),
      floor: { ...floor, median: floorMedian },
      overhead: roundTrip.median / floorMedian,
      wire: {
        bytesPerUpdate,
        framesPerUpdate: frames.receivedFrames / options.runs,
        sentBytesPerUpdate: frames.sent / options.runs,
        rawBytes,
        ratio: bytesPerUpdate / rawBytes,
      },
    };
  } finally {
    await close();
  }
}
