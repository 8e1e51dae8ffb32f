/**
 * The parts every way of serving shares: sessions, app routes, socket upgrades. `serve()` puts
 * them in a server of their own; `mount()` adds them to an existing Express app.
 */
import type { Server } from "node:http";
import type { Duplex } from "node:stream";
import compression from "compression";
import type express from "express";
import type { SessionRequest } from "../document/session-context.ts";
import { SessionManager } from "../session/session-manager.ts";
import { appRoutes, assertClientBuilt } from "./app-routes.ts";
import { resolveOptions, type ResolvedOptions, type RuntimeOptions } from "./options.ts";
import { createOriginCheck } from "./origins.ts";
import { SocketServer } from "./socket-server.ts";

export interface Runtime {
  options: ResolvedOptions;
  sessions: SessionManager;
  router: express.RequestHandler[];
  sockets: SocketServer;
  /** Makes a session ahead of time, for `serverSession({ url, sessionId: token })`. */
  createSession(app: string, request?: Partial<SessionRequest>): Promise<{ sessionId: string; token: string }>;
  close(): Promise<void>;
}

export function createRuntime(given: RuntimeOptions): Runtime {
  assertClientBuilt();
  const options = resolveOptions(given);
  const { logger } = options;
  const isAllowedOrigin = createOriginCheck(options.allowWebsocketOrigin);
  const sessions = new SessionManager({
    secret: options.secret,
    logger,
    unusedSessionLifetime: options.unusedSessionLifetime,
    checkUnusedSessionsInterval: options.checkUnusedSessionsInterval,
    tokenLifetime: options.tokenLifetime,
    patchLogSize: options.patchLogSize,
    subscribe: () => Promise.reject(new Error("this server has no channel layer")),
  });
  const sockets = new SocketServer({ prefix: options.prefix, apps: options.apps, sessions, logger, isAllowedOrigin, keepAliveInterval: options.keepAliveInterval });
  const routes = appRoutes({ prefix: options.prefix, apps: options.apps, sessions, logger, isAllowedOrigin, includeHeaders: options.includeHeaders });
  return {
    options,
    sessions,
    sockets,
    router: [compression(), routes],
    async createSession(name, request = {}) {
      const app = options.apps.get(name);
      if (!app) throw new Error(`no app "${name}"`);
      const { session, token } = await sessions.create(app, { arguments: {}, headers: {}, cookies: {}, ...request });
      return { sessionId: session.id, token };
    },
    async close() {
      sockets.close();
      await sessions.closeAll("the server is shutting down");
    },
  };
}

/** Routes upgrades for the runtime's paths to it; others go to `fallback` (or other listeners). */
export function attachUpgrades(server: Server, runtime: Runtime, fallback?: (socket: Duplex) => void): void {
  server.on("upgrade", (request, socket, head) => {
    if (runtime.sockets.handleUpgrade(request, socket, head)) return;
    fallback?.(socket);
  });
}
