/**
 * The parts every way of serving shares: sessions, app routes, socket upgrades. `serve()` puts
 * them in a server of their own; `mount()` adds them to an existing Express app.
 */
import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import compression from "compression";
import cookieParser from "cookie-parser";
import express from "express";
import { match } from "path-to-regexp";
import { ConsumerHost } from "../channels/consumer-host.ts";
import { DeliveryMonitor, type ChannelStats } from "../channels/delivery-monitor.ts";
import { createChannelLayer, getChannelLayer, setChannelLayer } from "../channels/index.ts";
import type { ChannelLayer } from "../channels/layer.ts";
import { subscribeGroup } from "../channels/listen.ts";
import type { SessionRequest } from "../document/session-context.ts";
import type { Logger } from "../log.ts";
import { AddressBudgets } from "../session/budget.ts";
import { serverLoaded, serverUnloaded } from "../session/lifecycle.ts";
import { SessionManager } from "../session/session-manager.ts";
import { consumerAdmission } from "./consumer-admission.ts";
import { appRoutes } from "./app-routes.ts";
import { readClientFiles } from "./client-files.ts";
import { resolveOptions, type ResolvedOptions, type RuntimeOptions } from "./options.ts";
import { createHostCheck } from "./hosts.ts";
import { securityHeaders } from "./security-headers.ts";
import { createOriginCheck } from "./origins.ts";
import { SocketServer, refuseUpgrade } from "./socket-server.ts";
import { clientAddress } from "./session-request.ts";

export interface Runtime {
  options: ResolvedOptions;
  sessions: SessionManager;
  channelLayer: ChannelLayer;
  consumers: ConsumerHost;
  /** What the channel layer and the consumer sockets delivered and did not (also logged, and at `<prefix>/_stats` with `statsEndpoint`). */
  stats(): ChannelStats;
  router: Array<express.RequestHandler | express.ErrorRequestHandler>;
  sockets: SocketServer;
  /** Whether a socket request passes the Host allow-list and the origin check (for sockets the runtime does not route itself). */
  allowsSocket(request: IncomingMessage): boolean;
  /** Settles once every app's `onServerLoaded` ran (rejects with the first that threw). */
  ready: Promise<void>;
  /** Makes a session ahead of time, for `serverSession({ url, sessionId: token })`. */
  createSession(app: string, request?: Partial<SessionRequest>): Promise<{ sessionId: string; token: string }>;
  close(): Promise<void>;
}

/** What the HTTP server tells the runtime: which proxies' forwarded addresses to believe. */
export interface RuntimeContext {
  trustProxy?: (address: string, hop: number) => boolean;
}

export function createRuntime(given: RuntimeOptions, context: RuntimeContext = {}): Runtime {
  const clientFiles = readClientFiles();
  const options = resolveOptions(given);
  const { logger } = options;
  const isAllowedOrigin = createOriginCheck(options.allowWebsocketOrigin);
  const isAllowedHost = createHostCheck(options.limits.allowHost, options.allowWebsocketOrigin);
  // A layer we make is ours to close; one we are given belongs to the caller. Either way
  // getChannelLayer() returns it, for routes and callbacks that have no other handle on it.
  const ownsLayer = options.channelLayer === undefined;
  const channelLayer =
    options.channelLayer ??
    createChannelLayer({ ...options.channelLayerOptions, ...(options.redisUrl ? { redisUrl: options.redisUrl } : {}) });
  setChannelLayer(channelLayer);
  const addressBudgets = new AddressBudgets(options.limits.budget);
  const sessions = new SessionManager({
    addressBudgets,
    secret: options.secret,
    logger,
    unusedSessionLifetime: options.unusedSessionLifetime,
    checkUnusedSessionsInterval: options.checkUnusedSessionsInterval,
    tokenLifetime: options.tokenLifetime,
    patchLogSize: options.patchLogSize,
    resumeLogBytes: options.resumeLogBytes,
    sessionIdPrefix: options.sessionIdPrefix,
    budget: options.limits.budget,
    maxBufferedBytes: options.limits.maxBufferedBytes,
    maxMessageBytes: options.websocketMaxMessageSize,
    showErrorDetails: options.limits.showErrorDetails,
    subscribe: (session, group, handler) =>
      subscribeGroup(channelLayer, group, handler, (error) =>
        logger.error(`app ${session.app.name} session ${session.id}: group "${group}":`, error),
      ),
  });
  const openSessions = () => sessions.all().map((session) => session.context);
  const ready = serverLoaded(options.apps.values(), openSessions);
  ready.catch((error: unknown) => logger.error("an app's onServerLoaded failed; its sessions will not start:", error));
  sessions.waitFor(ready);
  const consumers = new ConsumerHost({
    routes: options.websockets,
    layer: () => channelLayer,
    logger,
    refuse: refuseUpgrade,
    admission: consumerAdmission(options.limits, addressBudgets),
    maxPayload: options.websocketMaxMessageSize,
    slowClient: {
      dropAboveBytes: options.limits.maxBufferedBytes / 4,
      maxDroppedMessages: options.limits.maxDroppedMessages,
      slowClientTimeout: options.limits.slowClientTimeout,
    },
  });
  const monitor = new DeliveryMonitor({
    stats: () => ({ layer: channelLayer.stats(), consumers: { ...consumers.stats } }),
    logger,
    interval: options.statsLogFrequency,
  });
  const making = {
    sessions,
    logger,
    requestFilter: options.requestFilter,
    showErrorDetails: options.limits.showErrorDetails,
    maxSessionsPerAddress: options.limits.maxSessionsPerAddress,
    drawsFigures: new Set<string>(),
  };
  const sockets = new SocketServer({
    making,
    clientAddress: (request) => clientAddress(request, context.trustProxy),
    prefix: options.prefix,
    apps: options.apps,
    sessions,
    logger,
    isAllowedOrigin,
    isAllowedHost,
    keepAliveInterval: options.keepAliveInterval,
    maxMessageBytes: options.websocketMaxMessageSize,
    consumers,
    authorize: options.authorize,
  });
  const routes = appRoutes({
    prefix: options.prefix,
    apps: options.apps,
    making,
    isAllowedOrigin,
    authorize: options.authorize,
    index: options.index,
    loginUrl: options.loginUrl,
    clientFiles,
  });
  return {
    options,
    ready,
    sessions,
    channelLayer,
    consumers,
    stats: () => monitor.stats(),
    sockets,
    router: [
      refuseUnknownHosts(isAllowedHost, logger),
      securityHeaders(options.allowWebsocketOrigin),
      compression(),
      // Tornado's secure cookies: request.signedCookies, and response.cookie(…, { signed: true }) in app routes.
      cookieParser(options.cookieSecret),
      appHttpRoutes(options),
      ...(options.statsEndpoint ? [statsRoute(options, () => monitor.stats())] : []),
      routes,
      errorResponder(logger),
    ],
    allowsSocket: (request) => isAllowedHost(request.headers.host) && isAllowedOrigin(request.headers.origin, request.headers.host),
    async createSession(name, request = {}) {
      const app = options.apps.get(name);
      if (!app) throw new Error(`no app "${name}"`);
      const { session, token } = await sessions.create(app, { arguments: {}, headers: {}, cookies: {}, ...request });
      return { sessionId: session.id, token };
    },
    async close() {
      await sessions.closeAll("the server is shutting down");
      await serverUnloaded(options.apps.values(), openSessions, logger);
      await Promise.all([consumers.close(), sockets.close()]);
      monitor.check();
      monitor.close();
      if (getChannelLayer() === channelLayer) setChannelLayer(undefined);
      if (ownsLayer) await channelLayer.close();
    },
  };
}

/**
 * Errors from routes (a malformed JSON body, a route that threw) become a short JSON answer:
 * the reason for a client's mistake, never a stack trace.
 */
function errorResponder(logger: Logger): express.ErrorRequestHandler {
  return (error: unknown, request, response, _next) => {
    const status = (error as { status?: unknown }).status;
    const clientError = typeof status === "number" && status >= 400 && status < 500;
    if (!clientError) logger.error(`${request.method} ${request.path} failed:`, error);
    if (response.headersSent) return;
    response.status(clientError ? status : 500).json({ error: clientError ? (error as Error).message : "internal server error" });
  };
}

/** Each app's own HTTP routes (its `routes` export), under `/<app>`, guarded by `authorize`. */
function appHttpRoutes(options: ResolvedOptions): express.Router {
  const router = express.Router();
  for (const app of options.apps.values()) {
    if (!app.routes) continue;
    const appRouter = express.Router();
    app.routes(appRouter);
    router.use(`${options.prefix}/${app.name}`, authorizeRoutes(options.authorize, app.publicRoutes ?? []), appRouter);
  }
  return router;
}

/** `<prefix>/_stats`: the delivery counters as JSON, for a scraper; guarded by `authorize` as app routes are. */
function statsRoute(options: ResolvedOptions, stats: () => ChannelStats): express.Router {
  const router = express.Router();
  router.get(`${options.prefix}/_stats`, authorizeRoutes(options.authorize, []), (_request, response) => {
    response.set("Cache-Control", "no-store").json({ channels: stats() });
  });
  return router;
}

/** Refuses (401) a request the `authorize` hook refuses, unless its path is one of `publicRoutes`. */
function authorizeRoutes(authorize: ResolvedOptions["authorize"], publicRoutes: string[]): express.RequestHandler {
  const isPublic = publicRoutes.map((pattern) => match(pattern));
  return (request, response, next) => {
    // The app's page itself (`/<app>`) is not one of its routes: the page route answers it, and guards it (or sends to sign in).
    if (request.path === "/" && !request.originalUrl.split("?")[0]!.endsWith("/")) return next("router");
    if (!authorize || isPublic.some((test) => test(request.path))) return next();
    Promise.resolve(authorize(request)).then((user) => {
      if (user === null)
        return void response.status(401).json({ error: "not signed in (the server's authorize hook refused this request)" });
      next();
    }, next);
  };
}

/** 403 for a request whose Host is a name nobody allowed (hosts.ts), before anything else runs. */
function refuseUnknownHosts(isAllowedHost: (host: string | undefined) => boolean, logger: Logger): express.RequestHandler {
  const warned = new Set<string>();
  return (request, response, next) => {
    const host = request.headers.host;
    if (isAllowedHost(host)) return next();
    // One line per name: a rebinding page may ask many times.
    if (warned.size < 100 && !warned.has(host!))
      logger.warn(`refused a request for Host ${host!.slice(0, 100)}: not an allowed host (--allow-host)`);
    warned.add(host!);
    response.status(403).type("text/plain").send("this host name is not allowed (see --allow-host)\n");
  };
}

/** Routes upgrades for the runtime's paths to it; others go to `fallback` (or other listeners). */
export function attachUpgrades(server: Server, runtime: Runtime, fallback?: (socket: Duplex) => void): void {
  server.on("upgrade", (request, socket, head) => {
    if (runtime.sockets.handleUpgrade(request, socket, head)) return;
    fallback?.(socket);
  });
}
