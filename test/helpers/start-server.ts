/** A real `serve()` on a free loopback port, with its log captured for assertions. */
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
    error: (message, error) => lines.push(`error ${message} ${error instanceof Error ? error.message : String(error ?? "")}`),
  };
}

export async function startServer(options: Omit<ServeOptions, "port">): Promise<ApertureServer & { log: CapturedLog }> {
  const log = captureLog();
  const server = await serve({ logger: log, ...options, port: 0, address: "127.0.0.1" });
  return Object.assign(server, { log });
}
