/** Server options, their defaults, and the normalized form the rest of the server uses. */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import type { IncomingMessage } from "node:http";
import { LIMITS } from "../protocol/index.ts";
import type { ChannelLayer, ChannelLayerOptions } from "../channels/layer.ts";
import type { ConsumerClass } from "../channels/consumer.ts";
import type { WebSocketRoutes } from "../channels/routing.ts";
import { loggerFor, type Logger, type LogLevel } from "../log.ts";
import { assertAppName, type AppSpec, type Handler } from "../session/app.ts";
import { resolveAuth, type AuthModule, type ResolvedAuth } from "./auth-module.ts";
import { resolveLimits, type LimitOptions, type ResolvedLimits } from "./limits.ts";
import { resolveRequestFilter, type RequestFilter, type RequestFilterOptions } from "./request-filter.ts";

/**
 * Decides who may open pages and sockets: a user (any value, given to handlers as
 * `doc.session.request.user` and to consumers as `scope.user`), or null to refuse; or a
 * Promise of either (`unknown` covers both).
 */
export type Authorize = (request: IncomingMessage) => unknown;

export interface RuntimeOptions extends LimitOptions, RequestFilterOptions {
  /** Apps by name (a handler, or a full spec), or a list of specs. */
  apps: Record<string, Handler | Omit<AppSpec, "name">> | AppSpec[];
  /** Hosts (`host:port`) of other sites whose pages may embed the apps; "*" allows any. */
  allowWebsocketOrigin?: string[];
  /** Signs session tokens; default `APERTURE_SECRET_KEY`, else random per start. */
  secret?: string;
  /** URL prefix for everything the server serves, e.g. "/apps". */
  prefix?: string;
  /** Destroy a session after this long without a socket (ms, `--unused-session-lifetime`). Default 60 s. */
  unusedSessionLifetime?: number;
  /** How often unused sessions are looked for (ms, `--check-unused-sessions`). Default 5 s. */
  checkUnusedSessionsInterval?: number;
  /** How often sockets are pinged to find dead ones (ms, `--keep-alive`); 0 sends no pings. Default 10 s. */
  keepAliveInterval?: number;
  /** How long a session's token opens sockets (ms; `--session-token-expiration` is in seconds). Default 1 hour. */
  tokenLifetime?: number;
  /** The largest WebSocket message a page may send (bytes, `--websocket-max-message-size`). Default 1 MiB. */
  websocketMaxMessageSize?: number;
  /** The site index at `/`: a path to an HTML template (`{{ items }}`, `{{ prefix }}`), or "none" for no index. */
  index?: string;
  /** Arguments for the apps (`--args`): `doc.session.argv` is `[app, ...argv]`, as Python's `sys.argv`. */
  argv?: string[];
  /** Patches a session keeps for resuming a page: at most this many (default 1,000)… */
  patchLogSize?: number;
  /** …and at most this many bytes (default 4 MiB); a resume reaching past them gets a snapshot. */
  resumeLogBytes?: number;
  /** Where the server logs (default: the console, at `logLevel` in `logFormat`). */
  logger?: Logger;
  /** Bokeh's `--log-level` for the default logger (default "info"). */
  logLevel?: LogLevel;
  /** Bokeh's `--log-format` (a Python logging format) for the default logger. */
  logFormat?: string;
  /** WebSocket consumers by URL pattern, beside the apps' own. */
  websockets?: WebSocketRoutes;
  /** The channel layer; default: Redis when `redisUrl` (or APERTURE_REDIS_URL) is set, else in memory. */
  channelLayer?: ChannelLayer;
  redisUrl?: string;
  /** Capacity and expiry of the layer the server makes (`--layer-capacity`, `--layer-expiry`, `--layer-group-expiry`). */
  channelLayerOptions?: ChannelLayerOptions;
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
  /** Bokeh's auth module (`getUser`, `loginUrl`): `authorize` from `getUser`, page requests it refuses go to `loginUrl`. */
  authModule?: AuthModule;
  /** Signs cookies (`--cookie-secret`, default `APERTURE_COOKIE_SECRET`): `request.signedCookies`, `response.cookie(…, { signed: true })`. */
  cookieSecret?: string;
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
  websocketMaxMessageSize: number;
  /** The index template's text, or null for no index; undefined: Aperture's own. */
  index: string | null | undefined;
  argv: string[];
  patchLogSize: number;
  resumeLogBytes: number;
  requestFilter: RequestFilter;
  logger: Logger;
  /** Every consumer route: the server's and the apps'. */
  websockets: Array<[string, ConsumerClass]>;
  channelLayer: ChannelLayer | undefined;
  redisUrl: string | undefined;
  channelLayerOptions: ChannelLayerOptions;
  sessionIdPrefix: string;
  authorize: Authorize | undefined;
  statsLogFrequency: number;
  statsEndpoint: boolean;
  /** Where a refused page request is sent to sign in (an auth module's), if anywhere. */
  loginUrl: ResolvedAuth["loginUrl"] | undefined;
  cookieSecret: string | undefined;
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
    apps.set(app.name, { ...app, argv: [app.file ?? app.name, ...(options.argv ?? [])] });
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
    unusedSessionLifetime: milliseconds("unusedSessionLifetime", options.unusedSessionLifetime, 60_000),
    checkUnusedSessionsInterval: milliseconds("checkUnusedSessionsInterval", options.checkUnusedSessionsInterval, 5_000),
    keepAliveInterval: milliseconds("keepAliveInterval", options.keepAliveInterval, 10_000, { allowZero: true }),
    tokenLifetime: milliseconds("tokenLifetime", options.tokenLifetime, 3_600_000),
    websocketMaxMessageSize: messageSize(options.websocketMaxMessageSize),
    index: readIndex(options.index),
    argv: [...(options.argv ?? [])],
    patchLogSize: options.patchLogSize ?? 1_000,
    resumeLogBytes: options.resumeLogBytes ?? 4 * 1024 * 1024,
    requestFilter: resolveRequestFilter(options),
    logger: loggerFor(options),
    websockets: collectWebsockets(options.websockets, apps.values()),
    channelLayer: options.channelLayer,
    redisUrl: options.redisUrl,
    channelLayerOptions: options.channelLayerOptions ?? {},
    sessionIdPrefix: options.sessionIdPrefix ?? "",
    statsLogFrequency: options.statsLogFrequency ?? 15_000,
    statsEndpoint: options.statsEndpoint ?? false,
    ...authOptions(options),
    cookieSecret: options.cookieSecret ?? (process.env.APERTURE_COOKIE_SECRET || undefined),
    limits: resolveLimits(options),
  };
}

function milliseconds(name: string, value: number | undefined, fallback: number, { allowZero = false } = {}): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0 || (value === 0 && !allowZero) || value > 2 ** 31 - 1)
    throw new TypeError(`${name} must be ${allowZero ? "0 or more" : "more than 0"} milliseconds (at most 2^31 - 1), got ${value}`);
  return value;
}

/** The WebSocket message bound: at least 1 KiB (a page's hello must fit), at most 64 MiB (one message is held whole in memory). */
function messageSize(value: number | undefined): number {
  if (value === undefined) return LIMITS.maxClientFrameBytes;
  if (!Number.isInteger(value) || value < 1024 || value > 64 * 1024 * 1024)
    throw new TypeError(`websocketMaxMessageSize must be 1024 to 67108864 bytes, got ${value}`);
  return value;
}

function readIndex(index: string | undefined): string | null | undefined {
  if (index === undefined) return undefined;
  if (index === "none") return null;
  try {
    return readFileSync(index, "utf8");
  } catch (error) {
    throw new TypeError(`index ${index}: ${(error as Error).message}`);
  }
}

function authOptions(options: RuntimeOptions): { authorize: Authorize | undefined; loginUrl: ResolvedAuth["loginUrl"] | undefined } {
  if (!options.authModule) return { authorize: options.authorize, loginUrl: undefined };
  if (options.authorize) throw new TypeError("give either authorize or authModule, not both");
  return resolveAuth(options.authModule);
}
