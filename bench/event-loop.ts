/**
 * Item 6, event-loop health: while `sessions` light clients each receive a streamed update
 * every `everyMs` (bench/apps/ticker.ts), the server child's event-loop delay
 * (`perf_hooks.monitorEventLoopDelay`) over windows of `windowMs`.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { TestClient } from "../test/helpers/ws-client.ts";
import type { ServerChild } from "./server-process.ts";
import { openSessions } from "./sessions.ts";
import { summarize, type Summary } from "./stats.ts";

export interface EventLoopResult {
  sessions: number;
  everyMs: number;
  /** Event-loop delay p99 of each window (ms beyond the monitor's timer). */
  p99: Summary;
  /** Event-loop delay p50 of each window (ms). */
  p50: Summary;
  /** Worst single delay seen in any window (ms). */
  max: number;
  /** Update messages the clients received per second, per window: proof the load was there. */
  updatesPerSecond: Summary;
}

function countAndForget(clients: TestClient[]): number {
  let count = 0;
  for (const client of clients) {
    count += client.received.length;
    client.received.length = 0;
  }
  return count;
}

export async function measureEventLoop(
  server: ServerChild,
  options: { sessions: number; everyMs: number; rows: number; warmupMs: number; windows: number; windowMs: number },
): Promise<EventLoopResult> {
  const query = `?every=${options.everyMs}&rows=${options.rows}`;
  const { clients } = await openSessions(server.appUrls.ticker!, query, options.sessions, 8);
  try {
    await sleep(options.warmupMs);
    const p99: number[] = [];
    const p50: number[] = [];
    const rates: number[] = [];
    let max = 0;
    for (let i = 0; i < options.windows; i++) {
      countAndForget(clients);
      const start = performance.now();
      await server.startDelayMonitor(10);
      await sleep(options.windowMs);
      const report = await server.stopDelayMonitor();
      rates.push((countAndForget(clients) * 1000) / (performance.now() - start));
      p99.push(report.p99);
      p50.push(report.p50);
      max = Math.max(max, report.max);
    }
    return {
      sessions: options.sessions,
      everyMs: options.everyMs,
      p99: summarize(p99),
      p50: summarize(p50),
      max,
      updatesPerSecond: summarize(rates),
    };
  } finally {
    await Promise.all(clients.map((client) => client.close()));
    await server.destroySessions();
  }
}
