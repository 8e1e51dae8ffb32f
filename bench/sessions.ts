/**
 * Item 3, sessions: how fast new sessions are made (as a page makes one: a socket whose hello
 * asks for it, until the snapshot has arrived) and what an idle one costs the server in memory, with the light
 * protocol client from the tests (1,000 of them cost far less than 1,000 browsers).
 */
import { TestClient, askSession } from "../test/helpers/ws-client.ts";
import type { ServerChild } from "./server-process.ts";
import { now, summarize, type Summary } from "./stats.ts";

/** One session, made as a page would: a socket with no token, whose hello makes the session (the handler runs), then the snapshot. */
export async function openSession(appUrl: string, query: string): Promise<TestClient> {
  const asked = await askSession(appUrl, { query });
  if (!("client" in asked)) throw new Error(`no session: ${asked.closed} ${asked.reason}`);
  return asked.client;
}

async function closeAll(clients: TestClient[]): Promise<void> {
  await Promise.all(clients.map((client) => client.close()));
}

/** Opens `count` sessions, at most `concurrency` at a time; returns the clients and each one's time to snapshot. */
export async function openSessions(
  appUrl: string,
  query: string,
  count: number,
  concurrency: number,
): Promise<{ clients: TestClient[]; latencies: number[] }> {
  const clients: TestClient[] = [];
  const latencies: number[] = [];
  let started = 0;
  const worker = async () => {
    while (started < count) {
      started += 1;
      const t0 = now();
      clients.push(await openSession(appUrl, query));
      latencies.push(now() - t0);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return { clients, latencies };
}

export interface CreationResult {
  points: number;
  concurrency: number;
  /** Sessions per second until each one's snapshot arrived, one sample per batch. */
  perSecond: Summary;
  /** One session's time from opening its socket to its snapshot (ms), under that concurrency. */
  latency: Summary;
}

export async function measureCreation(
  server: ServerChild,
  options: { points: number; batch: number; batches: number; warmupBatches: number; concurrency: number },
): Promise<CreationResult> {
  const appUrl = server.appUrls.rolling!;
  const query = `?points=${options.points}`;
  const rates: number[] = [];
  const latencies: number[] = [];
  for (let i = -options.warmupBatches; i < options.batches; i++) {
    const t0 = now();
    const opened = await openSessions(appUrl, query, options.batch, options.concurrency);
    const elapsed = now() - t0;
    await closeAll(opened.clients);
    await server.destroySessions();
    if (i < 0) continue;
    rates.push((options.batch * 1000) / elapsed);
    latencies.push(...opened.latencies);
  }
  return { points: options.points, concurrency: options.concurrency, perSecond: summarize(rates), latency: summarize(latencies) };
}

export interface MemoryStep {
  sessions: number;
  /** Server RSS after GC with that many idle sessions open (bytes), one sample per run. */
  rss: Summary;
  /** V8 heap + off-heap (external) after GC (bytes): steadier than RSS, which keeps freed pages. */
  heapAndExternal: Summary;
}

export interface MemoryResult {
  points: number;
  steps: MemoryStep[];
  /** (RSS with the most sessions − RSS with none) / sessions, bytes, one sample per run. */
  rssPerSession: Summary;
  /** The same from RSS read without a forced GC (each reading before the collected one). */
  rssPerSessionWithoutGc: Summary;
  heapAndExternalPerSession: Summary;
}

/**
 * Idle-session memory: in a fresh server child per run, one warm-up session (so the shared
 * series is loaded and the code is warm) is made and destroyed, then memory is read after GC
 * with 0 sessions and at each count of open idle sessions (clients connected, snapshot received).
 */
export async function measureIdleMemory(
  startServer: () => Promise<ServerChild>,
  options: { points: number; counts: number[]; runs: number; concurrency: number },
): Promise<MemoryResult> {
  const counts = [...options.counts].sort((a, b) => a - b);
  const readings = {
    rss: counts.map(() => [] as number[]),
    heap: counts.map(() => [] as number[]),
    rssNow: counts.map(() => [] as number[]),
  };
  for (let run = 0; run < options.runs; run++) {
    const server = await startServer();
    const clients: TestClient[] = [];
    try {
      const appUrl = server.appUrls.rolling!;
      const query = `?points=${options.points}`;
      await closeAll([await openSession(appUrl, query)]);
      await server.destroySessions();
      for (const [step, count] of counts.entries()) {
        const opened = await openSessions(appUrl, query, count - clients.length, options.concurrency);
        clients.push(...opened.clients);
        // As it is first: the collected reading's GC would free what this one is meant to see.
        readings.rssNow[step]!.push((await server.memoryNow()).rss);
        const memory = await server.memory();
        readings.rss[step]!.push(memory.rss);
        readings.heap[step]!.push(memory.heapUsed + memory.external);
      }
    } finally {
      await closeAll(clients);
      await server.stop();
    }
  }
  /** Per run: (the reading with the most sessions − the one with the fewest) / the sessions between. */
  const perSession = (steps: number[][]) =>
    summarize(steps.at(-1)!.map((most, run) => (most - steps[0]![run]!) / Math.max(1, counts.at(-1)! - counts[0]!)));
  return {
    points: options.points,
    steps: counts.map((count, step) => ({
      sessions: count,
      rss: summarize(readings.rss[step]!),
      heapAndExternal: summarize(readings.heap[step]!),
    })),
    rssPerSession: perSession(readings.rss),
    rssPerSessionWithoutGc: perSession(readings.rssNow),
    heapAndExternalPerSession: perSession(readings.heap),
  };
}
