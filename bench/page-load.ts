/**
 * Page load to first painted plot: a fresh browser context (empty cache) opens the rolling
 * example; the time is from navigation start until just after the first frame that painted
 * the plot with all N points, and the bytes are everything the page received until then:
 * HTTP (page, autoload.js, the client bundle, compressed as sent) and WebSocket frames
 * (hello and the snapshot, binary columns).
 */
import { fileURLToPath } from "node:url";
import type { Browser } from "@playwright/test";
import type { ServerChild } from "./server-process.ts";
import { summarize, type Summary } from "./stats.ts";

const FIRST_PAINT = fileURLToPath(new URL("page/first-paint.js", import.meta.url));

export interface PageLoadResult {
  points: number;
  /** Navigation start → first frame painted with the plot (ms). */
  firstPaint: Summary;
  /** Bytes received until then, HTTP + WebSocket. */
  bytes: Summary;
  httpBytes: Summary;
  socketBytes: Summary;
  /** Where the time goes (ms since navigation start): HTML in, bundle downloaded, bundle run, socket open, snapshot arrived, plotly downloaded. */
  milestones: Record<Milestone, Summary>;
}

/** The page's parts, in the order they usually happen (first-paint.js records them). */
export const MILESTONES = ["html", "bundle", "evaluated", "socketOpen", "snapshot", "plotly"] as const;
export type Milestone = (typeof MILESTONES)[number];

type Marks = Partial<Record<Milestone | "firstPaint", number>>;

interface LoadSample {
  marks: Marks;
  http: number;
  socket: number;
}

async function loadOnce(browser: Browser, url: string): Promise<LoadSample> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    let http = 0;
    let socket = 0;
    cdp.on("Network.loadingFinished", (event) => (http += event.encodedDataLength));
    page.on("websocket", (ws) => {
      ws.on("framereceived", ({ payload }) => (socket += typeof payload === "string" ? Buffer.byteLength(payload) : payload.byteLength));
    });
    await page.addInitScript({ path: FIRST_PAINT });
    await page.goto(url);
    type WithMarks = { __apertureLoad?: Marks };
    const handle = await page.waitForFunction(
      () => {
        const marks = (globalThis as unknown as WithMarks).__apertureLoad;
        return marks?.firstPaint === undefined ? undefined : marks;
      },
      undefined,
      { timeout: 30_000 },
    );
    return { marks: (await handle.jsonValue()) as Marks, http, socket };
  } finally {
    await context.close();
  }
}

export async function measurePageLoad(
  browser: Browser,
  server: ServerChild,
  options: { points: number; warmup: number; runs: number },
): Promise<PageLoadResult> {
  const url = `${server.appUrls.rolling}?points=${options.points}`;
  const samples: LoadSample[] = [];
  for (let i = -options.warmup; i < options.runs; i++) {
    const sample = await loadOnce(browser, url);
    if (i >= 0) samples.push(sample);
  }
  // Every load makes a session that then sits idle: drop them so later figures start clean.
  await server.destroySessions();
  return {
    points: options.points,
    firstPaint: summarize(samples.map((s) => s.marks.firstPaint ?? Number.NaN)),
    bytes: summarize(samples.map((s) => s.http + s.socket)),
    httpBytes: summarize(samples.map((s) => s.http)),
    socketBytes: summarize(samples.map((s) => s.socket)),
    milestones: Object.fromEntries(MILESTONES.map((name) => [name, summarize(samples.map((s) => s.marks[name] ?? Number.NaN))])) as Record<
      Milestone,
      Summary
    >,
  };
}
