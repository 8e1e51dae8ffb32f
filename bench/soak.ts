/**
 * Issue 11 item 2, soak: memory while sessions live. Light sessions of the ticker app stream
 * points all along, and sessions of the rolling example move their slider every `moveEveryMs`
 * (each move replaces whole columns, which an unbounded resume log used to keep). The server's
 * RSS, heap and external memory (after GC) are sampled every `sampleMs`; the figure is their
 * growth per hour after the warm-up (least-squares slope), which must be about 0. The warm-up
 * outlasts the time the sessions' resume logs take to fill up to their bounds.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { PROTOCOL_VERSION, type DocState } from "../server/protocol/index.ts";
import { TestClient, createSession } from "../test/helpers/ws-client.ts";
import type { MemoryReport } from "./child-protocol.ts";
import type { ServerChild } from "./server-process.ts";

/** The tickers' interval: their resume logs (1,000 patches) fill in 50 s (longer on a busy machine), within the warm-up. */
const TICK_MS = 50;

export interface SoakOptions {
  durationMs: number;
  warmupMs: number;
  sampleMs: number;
  tickerSessions: number;
  rollingSessions: number;
  moveEveryMs: number;
}

export interface SoakSample {
  /** Seconds since the sessions were open. */
  t: number;
  rss: number;
  heapUsed: number;
  external: number;
}

export interface SoakResult {
  sessions: number;
  durationSeconds: number;
  samples: SoakSample[];
  /** Bytes an hour after the warm-up, by least squares. */
  growthPerHour: { rss: number; heapUsed: number; external: number };
  sliderMoves: number;
}

/** The least-squares slope of `ys` over `xs`. */
function slope(xs: number[], ys: number[]): number {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (xs[i]! - mx) * (ys[i]! - my);
    den += (xs[i]! - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

async function open(appUrl: string, query = ""): Promise<{ client: TestClient; doc: DocState }> {
  const { wsUrl, token } = await createSession(appUrl, query);
  const client = await TestClient.connect(wsUrl, token, { hello: false });
  client.send({ kind: "hello", protocol: PROTOCOL_VERSION });
  return { client, doc: (await client.next("doc")).doc };
}

/** The last server seq a light client has seen, from what it received. */
function lastSeq(client: TestClient, seq: number): number {
  for (const message of client.received)
    if (message.kind === "patch" || message.kind === "ack" || message.kind === "doc") seq = Math.max(seq, message.seq);
  return seq;
}

export async function measureSoak(server: ServerChild, options: SoakOptions): Promise<SoakResult> {
  const tickers = await Promise.all(
    Array.from({ length: options.tickerSessions }, () => open(server.appUrls.ticker!, `?every=${TICK_MS}&rows=25`)),
  );
  const rolling = await Promise.all(Array.from({ length: options.rollingSessions }, () => open(server.appUrls.rolling!)));
  const seqs = rolling.map(() => 0);
  let moves = 0;
  const mover = setInterval(() => {
    rolling.forEach(({ client, doc }, i) => {
      seqs[i] = lastSeq(client, seqs[i]!);
      const slider = Object.entries(doc.models).find(([, model]) => model.name === "window")![0];
      client.send({
        kind: "patch",
        reqId: client.reqId(),
        baseSeq: seqs[i],
        ops: [{ op: "replace", path: `/models/${slider}/attrs/value`, value: 1 + (moves % 30) }],
      });
      client.received.length = 0;
    });
    moves++;
  }, options.moveEveryMs);
  const samples: SoakSample[] = [];
  const t0 = performance.now();
  try {
    while (performance.now() - t0 < options.durationMs) {
      for (const { client } of tickers) client.received.length = 0;
      const memory: MemoryReport = await server.memory();
      samples.push({ t: (performance.now() - t0) / 1000, rss: memory.rss, heapUsed: memory.heapUsed, external: memory.external });
      await sleep(options.sampleMs);
    }
  } finally {
    clearInterval(mover);
    await Promise.all([...tickers, ...rolling].map(({ client }) => client.close()));
    await server.destroySessions();
  }
  const after = samples.filter((sample) => sample.t * 1000 >= options.warmupMs);
  const perHour = (pick: (sample: SoakSample) => number) =>
    slope(
      after.map((s) => s.t),
      after.map(pick),
    ) * 3600;
  return {
    sessions: tickers.length + rolling.length,
    durationSeconds: options.durationMs / 1000,
    samples,
    growthPerHour: { rss: perHour((s) => s.rss), heapUsed: perHour((s) => s.heapUsed), external: perHour((s) => s.external) },
    sliderMoves: moves * rolling.length,
  };
}
