/** `aperture serve`'s flags for the server's limits (server/http/limits.ts): one row per option. */
import type { LimitOptions } from "../http/limits.ts";
import type { FlagTable } from "./flag-table.ts";

export const LIMIT_FLAGS = {
  "max-sessions-per-address": { kind: "number", option: "maxSessionsPerAddress", help: "live sessions one client address may hold" },
  "max-messages-per-second": { kind: "number", option: "maxMessagesPerSecond", help: "messages a second per session (all its sockets)" },
  "max-bytes-per-second": { kind: "number", option: "maxBytesPerSecond", help: "bytes a second per session" },
  "max-messages-per-second-per-address": {
    kind: "number",
    option: "maxMessagesPerSecondPerAddress",
    help: "messages a second per client address",
  },
  "max-bytes-per-second-per-address": { kind: "number", option: "maxBytesPerSecondPerAddress", help: "bytes a second per client address" },
  "max-reconnects-per-minute": { kind: "number", option: "maxReconnectsPerMinute", help: "sockets a minute one session's token may open" },
  "max-buffered-bytes": { kind: "number", option: "maxBufferedBytes", help: "unsent bytes per socket before it is closed 4009" },
  "max-connections-per-address": {
    kind: "number",
    option: "maxConnectionsPerAddress",
    help: "open connections per client address (0 = no bound)",
  },
  "max-dropped-messages": {
    kind: "number",
    option: "maxDroppedMessages",
    help: "frames a consumer socket that does not read may lose before 4009",
  },
  "slow-client-timeout": {
    kind: "number",
    option: "slowClientTimeout",
    metavar: "ms",
    help: "time a consumer socket may stay behind before 4009",
  },
  "headers-timeout": { kind: "number", option: "headersTimeout", metavar: "ms", help: "time to receive a request's headers" },
  "request-timeout": { kind: "number", option: "requestTimeout", metavar: "ms", help: "time to receive a whole request" },
  "keep-alive-timeout": { kind: "number", option: "keepAliveTimeout", metavar: "ms", help: "time an idle HTTP connection stays open" },
  "use-xheaders": { kind: "switch", option: "useXheaders", help: "believe X-Forwarded-* from proxies on loopback/private networks" },
  "allow-host": {
    kind: "list",
    option: "allowHost",
    metavar: "name",
    help: "a name the Host header may be (repeatable; .example.com for subdomains)",
  },
} as const satisfies FlagTable<keyof LimitOptions>;
