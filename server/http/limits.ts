/**
 * The server's bounds on what one client may make it hold or do, with their defaults. Every
 * one is an option of `serve()` / `mount()` and a flag of `aperture serve`; docs/security.md
 * lists them with the answer a client gets past each.
 */
import { DEFAULT_BUDGET, type BudgetLimits } from "../session/budget.ts";

export interface LimitOptions extends Partial<BudgetLimits> {
  /** Live sessions one client address may hold (default 200). */
  maxSessionsPerAddress?: number;
  /** Bytes one socket may have unsent; past it the socket is closed 4009 (default 16 MiB). */
  maxBufferedBytes?: number;
  /** Open TCP connections one client address may hold (default 512; 0 = no bound). */
  maxConnectionsPerAddress?: number;
  /**
   * Frames a consumer socket may lose (dropped while its client is not reading: more than a
   * quarter of `maxBufferedBytes` unsent) before it is closed 4009 (default 100).
   */
  maxDroppedMessages?: number;
  /** How long (ms) a consumer socket may stay behind that way before it is closed 4009 (default 10 s). */
  slowClientTimeout?: number;
  /** Time to receive a request's headers (ms, default 10 s). */
  headersTimeout?: number;
  /** Time to receive a whole request (ms, default 30 s). */
  requestTimeout?: number;
  /** Time an idle keep-alive connection stays open (ms, default 5 s). */
  keepAliveTimeout?: number;
  /**
   * Believe X-Forwarded-For/-Proto/-Host from proxies on loopback and private networks, as
   * Bokeh's `--use-xheaders` (default false: the client address is the TCP peer's). Those
   * proxies are not bounded by `maxConnectionsPerAddress`; the generated nginx site bounds
   * connections per client itself.
   */
  useXheaders?: boolean;
  /**
   * Names (besides IP addresses, localhost and the hosts of `allowWebsocketOrigin`) a request's
   * `Host` may be; others get 403 (DNS rebinding, see hosts.ts). `".example.com"` allows its
   * subdomains, `"*"` any name. `serve()` adds its `address` when that is a name.
   */
  allowHost?: string[];
  /**
   * Send the text of a handler's or callback's error to the page (default false: a generic
   * message, the details only in the server's log; `aperture serve --dev` shows them).
   */
  showErrorDetails?: boolean;
}

export interface ResolvedLimits {
  budget: BudgetLimits;
  maxSessionsPerAddress: number;
  maxBufferedBytes: number;
  maxConnectionsPerAddress: number;
  maxDroppedMessages: number;
  slowClientTimeout: number;
  headersTimeout: number;
  requestTimeout: number;
  keepAliveTimeout: number;
  useXheaders: boolean;
  allowHost: string[];
  showErrorDetails: boolean;
}

export const DEFAULT_LIMITS: ResolvedLimits = {
  budget: DEFAULT_BUDGET,
  maxSessionsPerAddress: 200,
  maxBufferedBytes: 16 * 1024 * 1024,
  maxConnectionsPerAddress: 512,
  maxDroppedMessages: 100,
  slowClientTimeout: 10_000,
  headersTimeout: 10_000,
  requestTimeout: 30_000,
  keepAliveTimeout: 5_000,
  useXheaders: false,
  allowHost: [],
  showErrorDetails: false,
};

function positive(name: string, value: number | undefined, fallback: number, allowZero = false): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0 || (value === 0 && !allowZero))
    throw new TypeError(`${name} must be a positive number, got ${value}`);
  return value;
}

export function resolveLimits(options: LimitOptions): ResolvedLimits {
  const names = Object.keys(DEFAULT_BUDGET) as (keyof BudgetLimits)[];
  const budget = Object.fromEntries(
    names.map((name) => [name, positive(name, options[name], DEFAULT_BUDGET[name])]),
  ) as unknown as BudgetLimits;
  const d = DEFAULT_LIMITS;
  return {
    budget,
    maxSessionsPerAddress: positive("maxSessionsPerAddress", options.maxSessionsPerAddress, d.maxSessionsPerAddress),
    maxBufferedBytes: positive("maxBufferedBytes", options.maxBufferedBytes, d.maxBufferedBytes),
    maxConnectionsPerAddress: positive("maxConnectionsPerAddress", options.maxConnectionsPerAddress, d.maxConnectionsPerAddress, true),
    maxDroppedMessages: positive("maxDroppedMessages", options.maxDroppedMessages, d.maxDroppedMessages),
    slowClientTimeout: positive("slowClientTimeout", options.slowClientTimeout, d.slowClientTimeout),
    headersTimeout: positive("headersTimeout", options.headersTimeout, d.headersTimeout),
    requestTimeout: positive("requestTimeout", options.requestTimeout, d.requestTimeout),
    keepAliveTimeout: positive("keepAliveTimeout", options.keepAliveTimeout, d.keepAliveTimeout),
    useXheaders: options.useXheaders ?? d.useXheaders,
    allowHost: options.allowHost ?? d.allowHost,
    showErrorDetails: options.showErrorDetails ?? d.showErrorDetails,
  };
}
