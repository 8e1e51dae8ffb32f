/**
 * Bounds on the connections of a server of its own (`serve()`, each `--num-procs` worker):
 * how long a request may take to arrive, how long an idle keep-alive connection stays, and
 * how many connections one client address may hold (sockets included). A process has only so
 * many file descriptors: idle and half-open connections must not use them all up.
 */
import type { ServerOptions } from "node:http";
import type { Server, Socket } from "node:net";
import type { Logger } from "../log.ts";
import type { ResolvedLimits } from "./limits.ts";

/** The http.createServer options for the limits' timeouts (checked every second, not every 30 s). */
export function timeoutOptions(limits: ResolvedLimits): ServerOptions {
  return {
    headersTimeout: limits.headersTimeout,
    requestTimeout: Math.max(limits.requestTimeout, limits.headersTimeout),
    keepAliveTimeout: limits.keepAliveTimeout,
    connectionsCheckingInterval: Math.min(1_000, limits.headersTimeout),
  };
}

/**
 * Refuses a connection from an address that already holds `maxConnectionsPerAddress` (0: no
 * bound), except from `exempt` peers (the proxies whose X-Forwarded-For is believed: they
 * carry many clients, and bound them themselves, see the generated nginx site).
 */
export function capConnectionsPerAddress(
  server: Server,
  limits: Pick<ResolvedLimits, "maxConnectionsPerAddress">,
  logger: Logger,
  exempt: (address: string) => boolean,
): void {
  const max = limits.maxConnectionsPerAddress;
  if (max === 0) return;
  const open = new Map<string, number>();
  const warned = new Set<string>();
  server.on("connection", (socket: Socket) => {
    const address = socket.remoteAddress ?? "unknown";
    if (exempt(address)) return;
    const count = open.get(address) ?? 0;
    if (count >= max) {
      if (!warned.has(address)) logger.warn(`refused connections from ${address}: it already holds ${max} (maxConnectionsPerAddress)`);
      warned.add(address);
      return void socket.destroy();
    }
    open.set(address, count + 1);
    socket.once("close", () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else {
        open.delete(address);
        warned.delete(address);
      }
    });
  });
}
