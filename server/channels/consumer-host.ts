/**
 * Runs consumers for the sockets their routes match: builds the scope, gives each a channel,
 * joins its groups, feeds it client frames and group messages one at a time, and bounds what
 * a slow client may make the server buffer.
 */
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import { closeSockets } from "../close-sockets.ts";
import type { Logger } from "../log.ts";
import { CLOSE_CODES, SOCKET_PROTOCOL } from "../protocol/index.ts";
import type { ConsumerClass, ConsumerScope, WebSocketConsumer } from "./consumer.ts";
import type { ChannelLayer } from "./layer.ts";
import { listen } from "./listen.ts";
import { compileRoutes, type WebSocketRoutes } from "./routing.ts";
import { SlowClientRule, type SlowClientLimits } from "./consumer-send.ts";

/** The old consumer bound (4 MiB unsent) before frames are dropped; 100 lost or 10 s behind closes. */
const SLOW_CLIENT_DEFAULTS: SlowClientLimits = { dropAboveBytes: 4 * 1024 * 1024, maxDroppedMessages: 100, slowClientTimeout: 10_000 };

export interface ConsumerHostOptions {
  routes: WebSocketRoutes;
  layer: () => ChannelLayer;
  logger: Logger;
  /** Largest frame a client may send (bytes); larger closes with 1009. Default 1 MiB. */
  maxPayload?: number;
  /** When frames to a client that does not read are dropped, and when it is closed 4009 (consumer-send.ts). */
  slowClient?: Partial<SlowClientLimits>;
  /** Client frames waiting for the consumer; past it the socket is not read until it catches up. Default 100. */
  maxQueuedMessages?: number;
  /** The budget of one socket (made at its upgrade, released when it closes): the server's limits. */
  admission?: (request: IncomingMessage, consumer: ConsumerClass) => Admission;
  refuse: (socket: Duplex, status: number, reason: string) => void;
}

/** Charges a socket's frames to its budgets: what was overspent, or undefined. */
export interface Admission {
  charge(bytes: number): string | undefined;
  release(): void;
}

export interface ConsumerStats {
  open: number;
  /** Frames not sent because the client was not reading (or its socket was closing). */
  droppedFrames: number;
  /** Sockets closed 4009 for losing `maxDroppedMessages` frames or staying behind `slowClientTimeout`. */
  closedSlow: number;
  /** Sockets closed 4008 for sending more than their budget. */
  closedRateLimited: number;
  /** Client frames read and waiting for their consumers, now (each socket holds at most maxQueuedMessages). */
  queuedMessages: number;
}

function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? "").split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (!name || name === "__proto__") continue;
    // RFC 6265 allows a value in double quotes (awxkit sends token="…"); the quotes are not part of it.
    const raw = rest.join("=").replace(/^"(.*)"$/, "$1");
    try {
      cookies[name] = decodeURIComponent(raw);
    } catch {
      cookies[name] = raw;
    }
  }
  return cookies;
}

export function scopeOf(request: IncomingMessage, url: URL, params: Record<string, string>): ConsumerScope {
  const headers = Object.fromEntries(
    Object.entries(request.headers).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
  );
  const query: Record<string, string> = {};
  for (const [key, value] of url.searchParams) if (key !== "__proto__") query[key] = value;
  const offered = request.headers["sec-websocket-protocol"] ?? "";
  const subprotocols = offered
    .split(",")
    .map((protocol) => protocol.trim())
    .filter(Boolean);
  return { path: url.pathname, params, query, headers, cookies: parseCookies(request.headers.cookie), subprotocols };
}

/** A client can make its consumer fail again and again: only so many of its errors reach the log. */
const LOGGED_ERRORS_PER_SOCKET = 20;

function boundedLog(log: (message: string, error?: unknown) => void, onLimit: () => void): (message: string, error?: unknown) => void {
  let logged = 0;
  return (message, error) => {
    logged++;
    if (logged <= LOGGED_ERRORS_PER_SOCKET) log(message, error);
    else if (logged === LOGGED_ERRORS_PER_SOCKET + 1) onLimit();
  };
}

export class ConsumerHost {
  readonly stats: ConsumerStats = { open: 0, droppedFrames: 0, closedSlow: 0, closedRateLimited: 0, queuedMessages: 0 };
  private readonly router;
  private readonly sockets = new Set<WebSocket>();
  private readonly wss: WebSocketServer;
  /** The sub-protocol a consumer named in `accept(subprotocol)`, for the handshake it completes. */
  private readonly chosen = new WeakMap<IncomingMessage, string>();

  constructor(private readonly options: ConsumerHostOptions) {
    this.router = compileRoutes(options.routes);
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: options.maxPayload ?? 1 << 20,
      perMessageDeflate: false,
      // What the consumer accepted with; else `aperture` (Aperture's clients, whose token is
      // the other sub-protocol they offer), else the first offered, as ws does.
      handleProtocols: (protocols, request) =>
        this.chosen.get(request) ?? (protocols.has(SOCKET_PROTOCOL) ? SOCKET_PROTOCOL : ([...protocols][0] ?? false)),
    });
  }

  get patterns(): string[] {
    return this.router.patterns;
  }

  matches(path: string): boolean {
    return this.router.match(path) !== undefined;
  }

  /** `user` is what the server's authorize hook returned (undefined without one). */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer, url: URL, user?: unknown): boolean {
    const route = this.router.match(url.pathname);
    if (!route) return false;
    const consumer = new route.consumer();
    const scope = { ...scopeOf(request, url, route.params), ...(user === undefined ? {} : { user }) };
    const admission = this.options.admission?.(request, route.consumer);
    void this.run(consumer, request, socket, head, scope, admission).catch((error: unknown) => {
      this.options.logger.error(`consumer ${consumer.constructor.name} at ${url.pathname} failed:`, error);
      if (!socket.destroyed) this.options.refuse(socket, 500, "Internal Server Error");
    });
    return true;
  }

  async close(): Promise<void> {
    for (const ws of this.sockets) ws.close(CLOSE_CODES.shuttingDown, "the server is shutting down");
    await closeSockets(this.wss);
  }

  private async run(
    consumer: WebSocketConsumer,
    request: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    scope: ConsumerScope,
    admission?: Admission,
  ): Promise<void> {
    const { logger } = this.options;
    const wss = this.wss;
    const layer = this.options.layer();
    const channelName = await layer.newChannel();
    const name = consumer.constructor.name;
    const log = boundedLog(
      (message, error) => logger.error(`${name} (${scope.path}, ${channelName}): ${message}`, error),
      () =>
        logger.warn(
          `${name} (${scope.path}, ${channelName}): more errors than ${LOGGED_ERRORS_PER_SOCKET}; the rest of this socket's are not logged`,
        ),
    );
    let ws: WebSocket | undefined;
    let refused = false;
    const slow = new SlowClientRule({ ...SLOW_CLIENT_DEFAULTS, ...this.options.slowClient });
    let chain: Promise<unknown> = Promise.resolve();
    const serially = (fn: () => unknown) => (chain = chain.then(fn).catch((error: unknown) => log("handler failed:", error)));

    const listener = listen(
      layer,
      channelName,
      (message) => serially(() => consumer.dispatch(message)),
      (error) => log("receive failed:", error),
    );
    const leave = async (code: number) => {
      listener.stop();
      await serially(() => consumer.disconnect(code));
      await Promise.all(
        consumer.groups.map((group) =>
          layer.groupDiscard(group, channelName).catch((error: unknown) => log(`leaving ${group} failed:`, error)),
        ),
      );
    };

    const accept = (subprotocol?: string): Promise<WebSocket> => {
      if (ws) return Promise.resolve(ws);
      if (subprotocol !== undefined && scope.subprotocols.includes(subprotocol)) this.chosen.set(request, subprotocol);
      return new Promise((resolve) => {
        wss.handleUpgrade(request, socket, head, (accepted) => {
          ws = accepted;
          this.sockets.add(accepted);
          this.stats.open++;
          const inbound = this.inbound(accepted, admission, (message) =>
            logger.warn(`${name} (${scope.path}, ${channelName}): ${message}; closing the socket`),
          );
          accepted.on("message", (data: Buffer, isBinary) => {
            if (!inbound.admit(data.byteLength)) return;
            void serially(() => (isBinary ? consumer.receive(undefined, data) : consumer.receive(data.toString("utf8")))).finally(() =>
              inbound.done(),
            );
          });
          accepted.on("error", (error) => log(`socket error: ${error.message}`));
          accepted.on("close", (code) => {
            admission?.release();
            this.sockets.delete(accepted);
            this.stats.open--;
            void leave(code);
          });
          resolve(accepted);
        });
      });
    };

    consumer.bind({
      scope,
      channelLayer: layer,
      channelName,
      accept,
      log,
      close: async (code, reason) => {
        if (ws) return void ws.close(code ?? 1000, reason);
        refused = true;
        // A browser cannot read a refused handshake's status; an application code (4000–4999)
        // is better told by accepting and closing at once.
        if (code !== undefined && code >= 4000) (await accept()).close(code, reason);
        else {
          this.options.refuse(socket, 403, "Forbidden");
          listener.stop();
        }
      },
      send: (data) => this.sendBounded(ws, data, slow),
    });

    for (const group of consumer.groups) await layer.groupAdd(group, channelName);
    await consumer.connect();
    if (!ws && !refused) {
      logger.warn(`${name} (${scope.path}): connect() neither accepted nor closed; refusing the socket`);
      this.options.refuse(socket, 403, "Forbidden");
      await leave(1006);
    }
  }

  /**
   * What a socket may make its consumer do: frames charged to its budget (past it, 4008 and
   * nothing more is handled), and at most `maxQueuedMessages` waiting (past it, the socket is
   * not read until the consumer catches up, so a burst waits in the client's own buffers; the
   * frames of the read that crossed the bound, at most 64 KiB, still queue).
   */
  private inbound(
    ws: WebSocket,
    admission: Admission | undefined,
    warn: (message: string) => void,
  ): { admit(bytes: number): boolean; done(): void } {
    const maxQueued = this.options.maxQueuedMessages ?? 100;
    let queued = 0;
    let refused = false;
    return {
      admit: (bytes) => {
        if (refused) return false;
        const over = admission?.charge(bytes);
        if (over !== undefined) {
          refused = true;
          this.stats.closedRateLimited++;
          warn(over);
          ws.close(CLOSE_CODES.rateLimited, "too many messages");
          // Read on (discarding) so the client's answer to the close is seen.
          ws.resume();
          return false;
        }
        this.stats.queuedMessages++;
        if (++queued >= maxQueued) ws.pause();
        return true;
      },
      done: () => {
        this.stats.queuedMessages--;
        if (--queued === Math.floor(maxQueued / 2) && !refused) ws.resume();
      },
    };
  }

  private sendBounded(ws: WebSocket | undefined, data: string | Buffer, slow: SlowClientRule): void {
    if (!ws) return;
    const outcome = slow.send(ws, data);
    if (outcome === "sent") return;
    this.stats.droppedFrames++;
    if (outcome !== "hopeless") return;
    // Counted, not logged per socket: the delivery monitor reports drops and closes, rate-limited.
    this.stats.closedSlow++;
    ws.close(CLOSE_CODES.slowClient, `client too slow: ${slow.dropped} messages were dropped`);
  }
}
