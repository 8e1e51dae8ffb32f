/** Server options, their defaults, and the normalized form the rest of the server uses. */
import { randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { ChannelLayer } from "../channels/layer.ts";
import type { ConsumerClass } from "../channels/consumer.ts";
import type { WebSocketRoutes } from "../channels/routing.ts";
import { consoleLogger, type Logger } from "../log.ts";
import { assertAppName, type AppSpec, type Handler } from "../session/app.ts";
import { resolveLimits, type LimitOptions, type ResolvedLimits } from "./limits.ts";

/**
 * Decides who may open pages and sockets: a user (any value, given to handlers as
 * `doc.session.request.user` and to consumers as `scope.user`), or null to refuse; or a
 * Promise of either (`unknown` covers both).
 */
export type Authorize = (request: IncomingMessage) => unknown;

export interface RuntimeOptions extends LimitOptions {
  /** Apps by name (a handler, or a full spec), or a list of specs. */
  apps: Record<string, Handler | Omit<AppSpec, "name">> | AppSpec[];
  /** Hosts (`host:port`) of other sites whose pages may embed the apps; "*" allows any. */
  allowWebsocketOrigin?: string[];
  /** Signs session tokens; default `APERTURE_SECRET_KEY`, else random per start. */
  secret?: string;
  /** URL prefix for everything the server serves, e.g. "/apps". */
  prefix?: string;
  /** Destroy a session after this long without a socket (ms). Default 60 s. */
  unusedSessionLifetime?: number;
  checkUnusedSessionsInterval?: number;
  keepAliveInterval?: number;
  tokenLifetime?: number;
  /** Patches a session keeps for resuming a page: at most this many (default 1,000)… */
  patchLogSize?: number;
  /** …and at most this many bytes (default 4 MiB); a resume reaching past them gets a snapshot. */
  resumeLogBytes?: number;
  /** Give handlers the page request's headers and cookies. Default false. */
  includeHeaders?: boolean;
  logger?: Logger;
  /** WebSocket consumers by URL pattern, beside the apps' own. */
  websockets?: WebSocketRoutes;
  /** The channel layer; default: Redis when `redisUrl` (or APERTURE_REDIS_URL) is set, else in memory. */
  channelLayer?: ChannelLayer;
  redisUrl?: string;
  /** Starts every session id (a worker's mark, so its sockets can be routed to it). */
  sessionIdPrefix?: string;
  /** Who may open pages and sockets (default: everyone). */
  authorize?: Authorize;
  /**
   * Milliseconds between log lines reporting what the channel layer and consumer sockets did
   * not deliver (Bokeh's `--stats-log-frequency`; default 15 s; 0: never). A line is written
   * only when something was lost.
   */
  statsLogFrequency?: number;
  /** Serve `runtime.stats()` as JSON at `<prefix>/_stats`, guarded by `authorize` (default false). */
  statsEndpoint?: boolean;
}

export interface ResolvedOptions {
  apps: Map<string, AppSpec>;
  allowWebsocketOrigin: string[];
  secret: string;
  secretGenerated: boolean;
  prefix: string;
  unusedSessionLifetime: number;
  checkUnusedSessionsInterval: number;
  keepAliveInterval: number;
  tokenLifetime: number;
  patchLogSize: number;
  resumeLogBytes: number;
  includeHeaders: boolean;
  logger: Logger;
  /** Every consumer route: the server's and the apps'. */
  websockets: Array<[string, ConsumerClass]>;
  channelLayer: ChannelLayer | undefined;
  redisUrl: string | undefined;
  sessionIdPrefix: string;
  authorize: Authorize | undefined;
  statsLogFrequency: number;
  statsEndpoint: boolean;
  /** Bounds on what one client may make the server hold or do (limits.ts). */
  limits: ResolvedLimits;
}

function routeEntries(routes: WebSocketRoutes | undefined): Array<[string, ConsumerClass]> {
  if (!routes) return [];
  return Array.isArray(routes) ? routes : Object.entries(routes);
}

function collectWebsockets(server: WebSocketRoutes | undefined, apps: Iterable<AppSpec>): Array<[string, ConsumerClass]> {
  const all = [...routeEntries(server), ...[...apps].flatMap((app) => routeEntries(app.websockets))];
  const seen = new Set<string>();
  for (const [pattern] of all) {
    if (seen.has(pattern)) throw new TypeError(`two consumers are routed at "${pattern}"`);
    seen.add(pattern);
  }
  return all;
}

function toAppSpecs(apps: RuntimeOptions["apps"]): AppSpec[] {
  if (Array.isArray(apps)) return apps;
  return Object.entries(apps).map(([name, app]) => (typeof app === "function" ? { name, handler: app } : { ...app, name }));
}

export function resolveOptions(options: RuntimeOptions): ResolvedOptions {
  const apps = new Map<string, AppSpec>();
  for (const app of toAppSpecs(options.apps)) {
    assertAppName(app.name);
    if (typeof app.handler !== "function") throw new TypeError(`app "${app.name}" needs a handler function`);
    if (apps.has(app.name)) throw new TypeError(`two apps are named "${app.name}"`);
    apps.set(app.name, app);
  }
  const prefix = (options.prefix ?? "").replace(/\/+$/, "");
  if (prefix && !/^\/[\w./-]*$/.test(prefix)) throw new TypeError(`prefix "${prefix}" must start with "/"`);
  const secret = options.secret ?? process.env.APERTURE_SECRET_KEY;
  return {
    apps,
    allowWebsocketOrigin: options.allowWebsocketOrigin ?? [],
    secret: secret ?? randomBytes(32).toString("base64url"),
    secretGenerated: secret === undefined,
    prefix,
    unusedSessionLifetime: options.unusedSessionLifetime ?? 60_000,
    checkUnusedSessionsInterval: options.checkUnusedSessionsInterval ?? 5_000,
    keepAliveInterval: options.keepAliveInterval ?? 10_000,
    tokenLifetime: options.tokenLifetime ?? 3_600_000,
    patchLogSize: options.patchLogSize ?? 1_000,
    resumeLogBytes: options.resumeLogBytes ?? 4 * 1024 * 1024,
    includeHeaders: options.includeHeaders ?? false,
    logger: options.logger ?? consoleLogger(),
    websockets: collectWebsockets(options.websockets, apps.values()),
    channelLayer: options.channelLayer,
    redisUrl: options.redisUrl,
    sessionIdPrefix: options.sessionIdPrefix ?? "",
    authorize: options.authorize,
    statsLogFrequency: options.statsLogFrequency ?? 15_000,
    statsEndpoint: options.statsEndpoint ?? false,
    limits: resolveLimits(options),
  };
}
