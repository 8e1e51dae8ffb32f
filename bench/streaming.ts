/**
 * Item 5, streaming: the highest rate (points per second) at which a session's page keeps up
 * with what the server streams, in Chromium and with 100 light sessions at once.
 *
 * The app is bench/apps/ticker.ts: every `every` ms each session streams `rows` new points
 * (float64 x and y) into its line, keeping the last `rollover`. The rate is raised step by
 * step (more rows per update, the same interval). At each step, after a warm-up, the backlog
 * is sampled every `sampleMs` over a window: the server's `doc.seq` of the session (read in the
 * server child over IPC) minus the seq the page has applied (`Aperture.documents[0].seq` in
 * Chromium; the last patch's seq for a light client). Every update is one seq, so the backlog
 * is in updates. A page keeps up when the backlog does not grow: its least-squares slope over
 * the window is at most `maxGrowth` of the update rate (and at most 1 update a second more).
 * The figure is the highest step that kept up; the search stops at the first that did not.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { Browser } from "@playwright/test";
import type { TestClient } from "../test/helpers/ws-client.ts";
import type { ServerChild } from "./server-process.ts";
import { openSessions } from "./sessions.ts";

export interface StreamingOptions {
  /** Interval of the server's periodic callback (ms). */
  everyMs: number;
  /** Points per update to try, in increasing order. */
  rows: number[];
  rollover: number;
  warmupMs: number;
  windowMs: number;
  sampleMs: number;
  /** Backlog growth allowed, as a fraction of the update rate. */
  maxGrowth: number;
}

export interface StreamingStep {
  rows: number;
  /** Points per second per session the server actually streamed over the window. */
  pointsPerSecond: number;
  /** What was asked: rows × updates a second. Less was streamed when the server could not keep its own pace. */
  askedPointsPerSecond: number;
  /** Backlog in updates at the window's start and end, and its growth (updates per second). */
  backlogStart: number;
  backlogEnd: number;
  growthPerSecond: number;
  keptUp: boolean;
}

export interface StreamingRun {
  sessions: number;
  everyMs: number;
  rollover: number;
  /** The highest rate that kept up (points per second per session); 0 when even the first step did not. */
  pointsPerSecond: number;
  /** The first rate that did not keep up, if the search reached one. */
  fellBehindAt?: number;
  steps: StreamingStep[];
}

export interface StreamingResult {
  browser?: StreamingRun;
  light?: StreamingRun;
}

interface Sample {
  t: number;
  serverSeq: number;
  backlog: number;
}

/** Least-squares slope of backlog over time, in updates per second. */
function slope(samples: Sample[]): number {
  const n = samples.length;
  const mt = samples.reduce((sum, s) => sum + s.t, 0) / n;
  const mb = samples.reduce((sum, s) => sum + s.backlog, 0) / n;
  let num = 0;
  let den = 0;
  for (const s of samples) {
    num += (s.t - mt) * (s.backlog - mb);
    den += (s.t - mt) ** 2;
  }
  return den === 0 ? 0 : (num / den) * 1000;
}

async function sampleWindow(
  options: StreamingOptions,
  rows: number,
  read: () => Promise<{ serverSeq: number; clientSeq: number }>,
): Promise<StreamingStep> {
  await sleep(options.warmupMs);
  const samples: Sample[] = [];
  const end = performance.now() + options.windowMs;
  while (performance.now() < end || samples.length < 2) {
    const { serverSeq, clientSeq } = await read();
    samples.push({ t: performance.now(), serverSeq, backlog: serverSeq - clientSeq });
    await sleep(options.sampleMs);
  }
  const first = samples[0]!;
  const last = samples[samples.length - 1]!;
  const updatesPerSecond = ((last.serverSeq - first.serverSeq) * 1000) / (last.t - first.t);
  const growthPerSecond = slope(samples);
  return {
    rows,
    pointsPerSecond: updatesPerSecond * rows,
    askedPointsPerSecond: (rows * 1000) / options.everyMs,
    backlogStart: first.backlog,
    backlogEnd: last.backlog,
    growthPerSecond,
    keptUp: growthPerSecond <= Math.max(1, options.maxGrowth * (1000 / options.everyMs)),
  };
}

function summarizeSteps(sessions: number, options: StreamingOptions, steps: StreamingStep[]): StreamingRun {
  const kept = steps.filter((step) => step.keptUp);
  const failed = steps.find((step) => !step.keptUp);
  return {
    sessions,
    everyMs: options.everyMs,
    rollover: options.rollover,
    pointsPerSecond: kept.length > 0 ? kept[kept.length - 1]!.pointsPerSecond : 0,
    ...(failed ? { fellBehindAt: failed.pointsPerSecond } : {}),
    steps,
  };
}

const query = (options: StreamingOptions, rows: number) => `?every=${options.everyMs}&rows=${rows}&rollover=${options.rollover}`;

/** One Chromium page streaming from one session, the rate raised until its backlog grows. */
export async function measureStreamingBrowser(browser: Browser, server: ServerChild, options: StreamingOptions): Promise<StreamingRun> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const steps: StreamingStep[] = [];
  try {
    const page = await context.newPage();
    for (const rows of options.rows) {
      await page.goto(`${server.appUrls.ticker}${query(options, rows)}`);
      const handle = await page.waitForFunction(
        () => {
          const doc = (globalThis as unknown as { Aperture?: { documents: { sessionId?: string; seq: number }[] } }).Aperture?.documents[0];
          return doc?.sessionId !== undefined && doc.seq > 0 ? doc.sessionId : undefined;
        },
        undefined,
        { timeout: 30_000 },
      );
      const sessionId = (await handle.jsonValue()) as string;
      const step = await sampleWindow(options, rows, async () => {
        const serverSeq = await server.docSeq(sessionId);
        const clientSeq = await page.evaluate(
          () => (globalThis as unknown as { Aperture: { documents: { seq: number }[] } }).Aperture.documents[0]!.seq,
        );
        return { serverSeq, clientSeq };
      });
      steps.push(step);
      // Leave the page before the session goes, so it does not try to reconnect.
      await page.goto("about:blank");
      await server.destroySessions();
      if (!step.keptUp) break;
    }
  } finally {
    await context.close();
    await server.destroySessions();
  }
  return summarizeSteps(1, options, steps);
}

/** The last seq each light client applied (snapshot or patch), its messages dropped once read. */
function drainSeq(client: TestClient, last: Map<TestClient, number>): number {
  let seq = last.get(client) ?? 0;
  for (const message of client.received) {
    if ((message.kind === "patch" || message.kind === "doc") && message.seq > seq) seq = message.seq;
  }
  client.received.length = 0;
  last.set(client, seq);
  return seq;
}

/** `sessions` light clients at once, the same rate each, raised until their total backlog grows. */
export async function measureStreamingLight(server: ServerChild, options: StreamingOptions & { sessions: number }): Promise<StreamingRun> {
  const steps: StreamingStep[] = [];
  try {
    for (const rows of options.rows) {
      const { clients } = await openSessions(server.appUrls.ticker!, query(options, rows), options.sessions, 8);
      const last = new Map<TestClient, number>();
      try {
        const step = await sampleWindow(options, rows, async () => {
          const { seq } = await server.docSeqSum("ticker");
          const clientSeq = clients.reduce((sum, client) => sum + drainSeq(client, last), 0);
          // Per session: the backlog and the rate are averages over the sessions.
          return { serverSeq: seq / options.sessions, clientSeq: clientSeq / options.sessions };
        });
        steps.push(step);
        if (!step.keptUp) break;
      } finally {
        await Promise.all(clients.map((client) => client.close()));
        await server.destroySessions();
      }
    }
  } finally {
    await server.destroySessions();
  }
  return summarizeSteps(options.sessions, options, steps);
}
