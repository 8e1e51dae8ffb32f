/** `aperture serve`'s flags for the server's limits (server/http/limits.ts): one flag per option. */
import type { LimitOptions } from "../http/limits.ts";

/** Flag name → option name; every value is a number. */
const NUMERIC_FLAGS = {
  "max-sessions-per-address": "maxSessionsPerAddress",
  "max-messages-per-second": "maxMessagesPerSecond",
  "max-bytes-per-second": "maxBytesPerSecond",
  "max-messages-per-second-per-address": "maxMessagesPerSecondPerAddress",
  "max-bytes-per-second-per-address": "maxBytesPerSecondPerAddress",
  "max-reconnects-per-minute": "maxReconnectsPerMinute",
  "max-buffered-bytes": "maxBufferedBytes",
  "max-connections-per-address": "maxConnectionsPerAddress",
  "max-dropped-messages": "maxDroppedMessages",
  "slow-client-timeout": "slowClientTimeout",
  "headers-timeout": "headersTimeout",
  "request-timeout": "requestTimeout",
  "keep-alive-timeout": "keepAliveTimeout",
} as const satisfies Record<string, keyof LimitOptions>;

type LimitFlag = keyof typeof NUMERIC_FLAGS;

export const LIMIT_USAGE = `Limits (defaults in docs/security.md):
  --max-sessions-per-address <n>             live sessions one client address may hold
  --max-messages-per-second <n>              messages a second per session (all its sockets)
  --max-bytes-per-second <n>                 bytes a second per session
  --max-messages-per-second-per-address <n>  messages a second per client address
  --max-bytes-per-second-per-address <n>     bytes a second per client address
  --max-reconnects-per-minute <n>            sockets a minute one session's token may open
  --max-buffered-bytes <n>                   unsent bytes per socket before it is closed 4009
  --max-connections-per-address <n>          open connections per client address (0 = no bound)
  --max-dropped-messages <n>                 frames a consumer socket that does not read may lose before 4009
  --slow-client-timeout <ms>                 time a consumer socket may stay behind before 4009
  --headers-timeout <ms>  --request-timeout <ms>  --keep-alive-timeout <ms>
  --use-xheaders                             believe X-Forwarded-* from proxies on loopback/private networks
  --allow-host <name>                        a name the Host header may be (repeatable; .example.com for subdomains)`;

export const LIMIT_FLAG_OPTIONS = {
  ...(Object.fromEntries(Object.keys(NUMERIC_FLAGS).map((flag) => [flag, { type: "string" as const }])) as Record<
    LimitFlag,
    { type: "string" }
  >),
  "use-xheaders": { type: "boolean" as const },
  "allow-host": { type: "string" as const, multiple: true as const },
};

/** The limit options the flags in `values` set; a value that is no number is an error. */
export function limitOptions(values: Partial<Record<string, unknown>>): LimitOptions {
  const options: LimitOptions = {
    ...(values["use-xheaders"] === true ? { useXheaders: true } : {}),
    ...(Array.isArray(values["allow-host"]) ? { allowHost: values["allow-host"] as string[] } : {}),
  };
  for (const [flag, option] of Object.entries(NUMERIC_FLAGS)) {
    const raw = values[flag];
    if (typeof raw !== "string") continue;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < 0) throw new Error(`--${flag} must be a number ≥ 0, got ${raw}`);
    options[option] = value;
  }
  return options;
}
