/** A real `serve()` on a free loopback port, with its log captured for assertions. */
import { inspect } from "node:util";
import { serve, type ApertureServer, type ServeOptions } from "../../server/index.ts";
import type { Logger } from "../../server/log.ts";

export interface CapturedLog extends Logger {
  lines: string[];
}

export function captureLog(): CapturedLog {
  const lines: string[] = [];
  return {
    lines,
    info: (message) => lines.push(`info ${message}`),
    warn: (message) => lines.push(`warn ${message}`),
    error: (message, error) =>
      lines.push(`error ${message} ${error instanceof Error ? error.message : error === undefined ? "" : inspect(error)}`),
  };
}

/** Client budgets no test's own traffic can reach, for tests about something other than rate limits. */
export const UNLIMITED_BUDGET = {
  maxMessagesPerSecond: 1e9,
  maxBytesPerSecond: 1e12,
  maxMessagesPerSecondPerAddress: 1e9,
  maxBytesPerSecondPerAddress: 1e12,
  maxReconnectsPerMinute: 1e9,
} as const;

export async function startServer(options: Omit<ServeOptions, "port">): Promise<ApertureServer & { log: CapturedLog }> {
  const log = captureLog();
  const server = await serve({ logger: log, ...options, port: 0, address: "127.0.0.1" });
  return Object.assign(server, { log });
}
