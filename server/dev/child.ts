/**
 * One generation of the apps' code under `aperture serve --dev`: a child process that imports
 * the apps afresh (every module, dependencies included: a new process has an empty module
 * cache) and serves the connections the parent hands it. When the code changes, the parent
 * starts the next child and tells this one to retire: its pages are closed with 4013 and
 * reload, reaching the new child.
 */
import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import { basename, extname } from "node:path";
import type { Socket } from "node:net";
import { statSync } from "node:fs";
import express from "express";
import { WebSocketServer, type WebSocket } from "ws";
import { loadAppsSettled } from "../http/app-loader.ts";
import type { RuntimeOptions } from "../http/options.ts";
import { createRuntime, type Runtime } from "../http/runtime.ts";
import { refuseUpgrade } from "../http/socket-server.ts";
import { loggerFor, type Logger } from "../log.ts";
import { CLOSE_CODES } from "../protocol/index.ts";
import type { AppSpec } from "../session/app.ts";
import { DEV_SOCKET_PATH, reloadScript } from "./reload-script.ts";

export type ChildMessage = { type: "aperture:dev-waiting" } | { type: "aperture:dev-ready"; failed: string[] };
export type ParentMessage = { type: "aperture:dev-load" } | { type: "aperture:dev-connection" } | { type: "aperture:dev-retire" };

/**
 * A child starts as the parent's spare: the framework imported (most of a start's time), the
 * apps not yet. It loads them when told, so a save costs only the apps' own import.
 */
function waitForLoad(): Promise<void> {
  return new Promise((resolve) => {
    const onMessage = (message: ParentMessage) => {
      if (message?.type !== "aperture:dev-load") return;
      process.off("message", onMessage);
      resolve();
    };
    process.on("message", onMessage);
    process.send?.({ type: "aperture:dev-waiting" } satisfies ChildMessage);
  });
}

/** The name `aperture serve` gives the app at `path` (as app-loader.ts does). */
function appName(path: string): string {
  return statSync(path).isDirectory() ? basename(path) : basename(path, extname(path));
}

/**
 * An app whose module failed to import (a syntax error, a throw at load) is still served: its
 * handler throws the import's error, so the page shows it where the app would be, and the
 * page's reload socket brings it back on the next save.
 */
async function loadForDev(paths: string[], logger: Logger): Promise<{ app: AppSpec; failed: boolean }[]> {
  const results = await loadAppsSettled(paths);
  return results.map((result, i) => {
    if (result.status === "fulfilled") return { app: result.value, failed: false };
    const name = appName(paths[i]!);
    logger.error(`app ${name} failed to load:`, result.reason);
    const message = result.reason instanceof Error ? result.reason.message : String(result.reason);
    const handler = () => {
      throw new Error(`its code did not load: ${message}`);
    };
    return { app: { name, handler }, failed: true };
  });
}

/** Pages of a dev server reload themselves: the script is appended to every autoload.js. */
function appendReloadScript(prefix: string, generation: string): express.RequestHandler {
  return (request, response, next) => {
    if (request.method !== "GET" || !/^\/[^/]+\/autoload\.js$/.test(request.path.slice(prefix.length))) return next();
    const send = response.send.bind(response);
    response.send = ((body?: unknown) =>
      send(typeof body === "string" ? body + reloadScript(prefix, generation) : body)) as typeof response.send;
    next();
  };
}

function createDevServer(runtime: Runtime, devSockets: WebSocketServer, generation: string): Server {
  const { prefix } = runtime.options;
  const app = express();
  app.disable("x-powered-by");
  // No keep-alive: a page reloading after 4013 must open a new connection, which the parent
  // hands to the new child, not reuse one held by this retiring child.
  app.use((_request, response, next) => {
    response.set("Connection", "close");
    next();
  });
  app.use(appendReloadScript(prefix, generation));
  app.use(...runtime.router);
  const server = createServer(app);
  server.on("upgrade", (request, socket, head) => {
    if (new URL(request.url ?? "/", "http://localhost").pathname === `${prefix}${DEV_SOCKET_PATH}`) {
      // The reload socket is checked as the apps' sockets are: a foreign page may not listen in.
      if (!runtime.allowsSocket(request)) return refuseUpgrade(socket, 403, "Origin not allowed");
      devSockets.handleUpgrade(request, socket, head, (ws) => devSockets.emit("connection", ws));
      return;
    }
    if (!runtime.sockets.handleUpgrade(request, socket, head)) refuseUpgrade(socket, 404, "Not Found");
  });
  return server;
}

/** Closes every page of this child with 4013 (they reload into the next child), then exits. */
async function retire(runtime: Runtime, server: Server, devSockets: WebSocketServer): Promise<void> {
  const reason = "the app's code changed";
  for (const ws of devSockets.clients) ws.close(CLOSE_CODES.reload, reason);
  await Promise.all(runtime.sessions.all().map((session) => runtime.sessions.destroy(session, reason, CLOSE_CODES.reload)));
  await runtime.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/** Stopping for good (Ctrl-C in the terminal): pages are told the server is going (4010). */
async function shutDown(runtime: Runtime, server: Server, devSockets: WebSocketServer): Promise<void> {
  for (const ws of devSockets.clients) ws.close(CLOSE_CODES.shuttingDown, "the dev server stopped");
  await runtime.close();
  server.closeAllConnections();
  server.close();
}

export async function runDevChild(paths: string[], options: Omit<RuntimeOptions, "apps">): Promise<void> {
  // Ctrl-C reaches the whole process group: the parent decides, and sends SIGTERM.
  process.on("SIGINT", () => {});
  await waitForLoad();
  const logger = loggerFor(options);
  const loaded = await loadForDev(paths, logger);
  // In development the page shows what failed, as the terminal does.
  const runtime = createRuntime({ showErrorDetails: true, ...options, apps: loaded.map((entry) => entry.app), logger });
  const generation = randomUUID();
  const devSockets = new WebSocketServer({ noServer: true, maxPayload: 1024 });
  devSockets.on("connection", (ws: WebSocket) => {
    ws.on("error", () => ws.terminate());
    ws.send(generation);
  });
  const server = createDevServer(runtime, devSockets, generation);
  const exitAfter = (work: Promise<void>) =>
    work.then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error("dev: the old code did not stop cleanly:", error);
        process.exit(1);
      },
    );
  process.on("message", (message: ParentMessage, socket: Socket | undefined) => {
    if (message?.type === "aperture:dev-connection" && socket) {
      server.emit("connection", socket);
      socket.resume();
    } else if (message?.type === "aperture:dev-retire") {
      void exitAfter(retire(runtime, server, devSockets));
    }
  });
  process.once("SIGTERM", () => void exitAfter(shutDown(runtime, server, devSockets)));
  const failed = loaded.filter((entry) => entry.failed).map((entry) => entry.app.name);
  process.send?.({ type: "aperture:dev-ready", failed } satisfies ChildMessage);
}
