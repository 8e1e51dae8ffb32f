/**
 * The server under test, in a process of its own so its memory, event loop and CPU profile
 * are its own, not the benchmark driver's. Started by bench/server-process.ts as
 * `node --expose-gc --import tsx bench/server-child.ts`; answers requests over IPC.
 */
import { monitorEventLoopDelay, type IntervalHistogram } from "node:perf_hooks";
import { setImmediate as nextTurn } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { loadApps, serve, silentLogger, type ApertureServer } from "../server/index.ts";
import { BENCH_GROUP, BenchConsumer, CONSUMER_PATH, handedOver } from "./apps/consumer.ts";
import type { ChildReply, ChildRequest, DelayReport, MemoryReport } from "./child-protocol.ts";

const root = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));
const APPS = ["examples/rolling", "bench/apps/ticker.ts", "bench/apps/rolling32.ts"].map(root);

/**
 * The bench is one client address opening 1,000 sessions and moving sliders as fast as the
 * server answers: the per-address and per-socket limits would refuse it. A spread object,
 * not literal keys, so this file also type-checks against servers without those options.
 */
const UNLIMITED = {
  maxSessionsPerAddress: 1_000_000,
  maxMessagesPerSecond: 1_000_000,
  maxMessagesPerSecondPerAddress: 1_000_000_000,
  maxBytesPerSecond: 1e12,
  maxBytesPerSecondPerAddress: 1e12,
  maxConnectionsPerAddress: 0,
};

function reply(message: ChildReply): void {
  process.send?.(message);
}

async function collectedMemory(): Promise<MemoryReport> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error("start the server child with --expose-gc");
  // Two rounds with turns between them: finalizers and weak callbacks free more on the second.
  for (let i = 0; i < 2; i++) {
    gc();
    await nextTurn();
  }
  return memoryNow();
}

function memoryNow(): MemoryReport {
  const { rss, heapUsed, external, arrayBuffers } = process.memoryUsage();
  return { rss, heapUsed, external, arrayBuffers };
}

/**
 * Node 20 records the whole interval between the monitor's timer runs (an idle loop reads
 * ≈ the resolution); newer Nodes may record only the lateness. A histogram whose minimum
 * is at least half the resolution counts the interval, which is taken off: the figures are
 * how late the loop was.
 */
function delayReport(histogram: IntervalHistogram, resolutionMs: number): DelayReport {
  const offset = histogram.min >= (resolutionMs * 1e6) / 2 ? resolutionMs : 0;
  const ms = (ns: number) => Math.max(0, ns / 1e6 - offset);
  return { p50: ms(histogram.percentile(50)), p99: ms(histogram.percentile(99)), max: ms(histogram.max), mean: ms(histogram.mean) };
}

/** `--redis=URL`: the channel layer goes through that Redis (fan-out to consumers, 1 or 2 processes). */
function redisUrlArgument(): string | undefined {
  const arg = process.argv.slice(2).find((value) => value.startsWith("--redis="));
  return arg?.slice("--redis=".length);
}

const wallClock = () => performance.timeOrigin + performance.now();

async function main(): Promise<void> {
  const redisUrl = redisUrlArgument();
  const server: ApertureServer = await serve({
    apps: await loadApps(APPS),
    websockets: { [CONSUMER_PATH]: BenchConsumer },
    ...(redisUrl ? { redisUrl } : {}),
    port: 0,
    address: "127.0.0.1",
    logger: silentLogger(),
    ...UNLIMITED,
    // Idle sessions are what the memory figure measures: they must not expire meanwhile.
    unusedSessionLifetime: 3_600_000,
  });
  let histogram: IntervalHistogram | undefined;
  let resolution = 10;
  const stop = async () => {
    histogram?.disable();
    await server.close();
    process.exit(0);
  };
  const handlers: { [K in ChildRequest["cmd"]]: (request: Extract<ChildRequest, { cmd: K }>) => Promise<unknown> } = {
    memory: () => collectedMemory(),
    "memory-now": async () => memoryNow(),
    sessions: async () => server.runtime.sessions.size,
    "destroy-sessions": async () => {
      const all = server.runtime.sessions.all();
      await Promise.all(all.map((session) => server.runtime.sessions.destroy(session, "benchmark step done")));
      return all.length;
    },
    consumers: async () => server.runtime.consumers.stats.open,
    "group-send": async ({ run }) => {
      // The send time travels in the message; the clients compare it with their own wall clock.
      const t = wallClock();
      await server.runtime.channelLayer.groupSend(BENCH_GROUP, { type: "bench.tick", run, t });
      return t;
    },
    "handed-over": async () => ({ ...handedOver }),
    "doc-seq": async ({ sessionId }) => {
      const session = server.runtime.sessions.get(sessionId);
      if (!session) throw new Error(`no session ${sessionId}`);
      return session.engine.seq;
    },
    "doc-seq-sum": async ({ app }) => {
      let seq = 0;
      let sessions = 0;
      for (const session of server.runtime.sessions.all()) {
        if (session.app.name !== app) continue;
        seq += session.engine.seq;
        sessions += 1;
      }
      return { seq, sessions };
    },
    "eld-start": async ({ resolutionMs }) => {
      histogram?.disable();
      resolution = resolutionMs;
      histogram = monitorEventLoopDelay({ resolution: resolutionMs });
      histogram.enable();
      return true;
    },
    "eld-stop": async () => {
      if (histogram === undefined) throw new Error("eld-stop without eld-start");
      histogram.disable();
      const report = delayReport(histogram, resolution);
      histogram = undefined;
      return report;
    },
    stop: async () => {
      setImmediate(() => void stop());
      return true;
    },
  };
  process.on("message", (request: ChildRequest) => {
    const handler = handlers[request.cmd] as (request: ChildRequest) => Promise<unknown>;
    handler(request).then(
      (value) => reply({ kind: "reply", id: request.id, ok: true, value }),
      (error: unknown) =>
        reply({ kind: "reply", id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) }),
    );
  });
  // The runner went away (crashed, Ctrl-C): never outlive it.
  process.on("disconnect", () => void stop());
  reply({ kind: "ready", url: server.url, appUrls: server.appUrls, pid: process.pid });
}

main().catch((error: unknown) => {
  console.error("[bench server child] failed to start:", error);
  process.exit(1);
});
