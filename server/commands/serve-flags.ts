/**
 * `aperture serve`'s flags, named as `bokeh serve`'s (docs/server.md has them side by side).
 * Each sets the `serve()` option of its row; a few (which files, how many processes) only
 * the command has, because `serve()` is given apps, not files.
 */
import type { ChannelLayerOptions } from "../channels/layer.ts";
import type { ServeOptions } from "../http/serve.ts";
import { flagUsage, parseFlags, type FlagGroups, type FlagTable } from "./flag-table.ts";
import { LIMIT_FLAGS } from "./limit-flags.ts";

/** What the command reads besides `serve()`'s options. */
export interface CommandOnlyOptions {
  numProcs?: number;
  processIndex?: number;
  dev?: boolean;
  /** Bokeh's `--glob`: the paths are glob patterns, expanded by the server (for callers without a shell). */
  glob?: boolean;
  help?: boolean;
}

export type CommandOptions = ServeOptions & CommandOnlyOptions;
type OptionPath = keyof CommandOptions | `channelLayerOptions.${keyof ChannelLayerOptions}`;

const SERVING = {
  port: { kind: "integer", option: "port", help: "port to listen on (default 5006; 0 = any free port)" },
  address: { kind: "text", option: "address", metavar: "ip", help: "address to listen on (default 127.0.0.1)" },
  prefix: { kind: "text", option: "prefix", metavar: "/path", help: "serve everything under this URL prefix" },
  "allow-websocket-origin": {
    kind: "list",
    option: "allowWebsocketOrigin",
    metavar: "host:port",
    help: "another site whose pages may embed the apps (repeatable)",
  },
  index: {
    kind: "text",
    option: "index",
    metavar: "file|none",
    help: "the site index: an HTML template ({{ items }}, {{ prefix }}), or none",
  },
  glob: { kind: "switch", option: "glob", help: "expand the paths as glob patterns (for callers without a shell)" },
  show: { kind: "switch", option: "show", help: "open the apps in a browser ($BROWSER, else the system's opener)" },
  dev: { kind: "switch", option: "dev", help: "reload open pages with fresh code when an app's file is saved" },
} as const satisfies FlagTable<OptionPath>;

const SESSIONS = {
  "keep-alive": {
    kind: "integer",
    option: "keepAliveInterval",
    metavar: "ms",
    help: "how often to ping sockets (0 = never; default 10000)",
  },
  "check-unused-sessions": {
    kind: "integer",
    option: "checkUnusedSessionsInterval",
    metavar: "ms",
    help: "how often to look for unused sessions (default 5000)",
  },
  "unused-session-lifetime": {
    kind: "integer",
    option: "unusedSessionLifetime",
    metavar: "ms",
    help: "how long a session lasts without a socket (default 60000)",
  },
  "session-token-expiration": {
    kind: "integer",
    option: "tokenLifetime",
    scale: 1000,
    metavar: "s",
    help: "how long a session's token may open sockets (default 3600)",
  },
  "websocket-max-message-size": {
    kind: "integer",
    option: "websocketMaxMessageSize",
    metavar: "bytes",
    help: "the largest message a page may send (default 1048576)",
  },
  secret: {
    kind: "text",
    option: "secret",
    metavar: "key",
    help: "signs session tokens (else random per start)",
    env: "APERTURE_SECRET_KEY",
  },
} as const satisfies FlagTable<OptionPath>;

const REQUESTS = {
  "include-headers": {
    kind: "words",
    option: "includeHeaders",
    metavar: "name",
    help: "request headers doc.session.request gets (default none)",
  },
  "exclude-headers": { kind: "words", option: "excludeHeaders", metavar: "name", help: "every request header but these" },
  "include-cookies": {
    kind: "words",
    option: "includeCookies",
    metavar: "name",
    help: "request cookies doc.session.request gets (default none)",
  },
  "exclude-cookies": { kind: "words", option: "excludeCookies", metavar: "name", help: "every request cookie but these" },
} as const satisfies FlagTable<OptionPath>;

const AUTH = {
  "auth-module": {
    kind: "text",
    option: "authModule",
    metavar: "file",
    help: "exports getUser(request) and loginUrl; pages nobody signed in for go there",
    env: "APERTURE_AUTH_MODULE",
  },
  "cookie-secret": {
    kind: "text",
    option: "cookieSecret",
    metavar: "key",
    help: "signs cookies: request.signedCookies, response.cookie(…, { signed: true })",
    env: "APERTURE_COOKIE_SECRET",
  },
  "ssl-certfile": {
    kind: "text",
    option: "sslCertfile",
    metavar: "file",
    help: "PEM certificate: serve HTTPS",
    env: "APERTURE_SSL_CERTFILE",
  },
  "ssl-keyfile": {
    kind: "text",
    option: "sslKeyfile",
    metavar: "file",
    help: "PEM private key (password: $APERTURE_SSL_PASSWORD)",
    env: "APERTURE_SSL_KEYFILE",
  },
} as const satisfies FlagTable<OptionPath>;

const LOGGING = {
  "stats-log-frequency": {
    kind: "integer",
    option: "statsLogFrequency",
    metavar: "ms",
    help: "how often to log what the layer and consumer sockets lost, if anything (0 = never; default 15000)",
  },
  "log-level": {
    kind: "text",
    option: "logLevel",
    metavar: "level",
    help: "trace, debug, info, warning, error or critical (default info)",
  },
  "log-format": {
    kind: "text",
    option: "logFormat",
    metavar: "format",
    help: 'a Python logging format, e.g. "%(asctime)s %(levelname)s %(message)s"',
  },
} as const satisfies FlagTable<OptionPath>;

const PROCESSES = {
  redis: { kind: "text", option: "redisUrl", metavar: "url", help: "Redis channel layer (else in memory)", env: "APERTURE_REDIS_URL" },
  "layer-capacity": {
    kind: "integer",
    option: "channelLayerOptions.capacity",
    help: "messages a channel holds before sends fail (default 100)",
  },
  "layer-expiry": {
    kind: "number",
    option: "channelLayerOptions.expiry",
    metavar: "s",
    help: "how long a message waits to be received (default 60)",
  },
  "layer-group-expiry": {
    kind: "number",
    option: "channelLayerOptions.groupExpiry",
    metavar: "s",
    help: "how long a group membership lasts without a sign of life (default 86400)",
  },
  "num-procs": { kind: "integer", option: "numProcs", help: "worker processes, sticky by session (needs --redis)" },
  "process-index": {
    kind: "integer",
    option: "processIndex",
    metavar: "i",
    help: "this process's number behind nginx (aperture gen nginx): session ids start w<i>-",
  },
} as const satisfies FlagTable<OptionPath>;

export const SERVE_FLAGS = {
  Serving: SERVING,
  "Sessions and sockets": SESSIONS,
  "The page request in doc.session.request (as Bokeh's lists: the names run to the next flag)": REQUESTS,
  "Sign-in and HTTPS": AUTH,
  Logging: LOGGING,
  "Processes and the channel layer": PROCESSES,
  "Limits (defaults in docs/security.md)": LIMIT_FLAGS,
} satisfies FlagGroups;

export const SERVE_USAGE = `Usage: aperture serve <path>… [options] [--args <app arguments>…]

  <path>   an app file (foo.ts → /foo), a folder with app.ts (→ /<folder>),
           or a folder of such folders (each one an app)
  --args   everything after it is the apps' doc.session.argv (after the app's path), as sys.argv
  -h, --help  show this help

${flagUsage(SERVE_FLAGS)}`;

export interface ServeArgs {
  paths: string[];
  options: Omit<CommandOptions, "apps">;
}

/** `aperture serve`'s argv as the paths to serve and the options the flags (and their environment variables) set. */
export function parseServeArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): ServeArgs {
  const { options, positionals, rest } = parseFlags(argv, SERVE_FLAGS, env);
  return { paths: positionals, options: { ...(options as Omit<CommandOptions, "apps">), ...(rest ? { argv: rest } : {}) } };
}
