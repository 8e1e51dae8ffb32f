/**
 * WebSocket upgrades for `/<app>/ws`: origin checked at the handshake, then the socket goes
 * to the session its token names. Keep-alive pings find dead sockets.
 */
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import { CLOSE_CODES, SOCKET_PROTOCOL, tokenOfProtocols } from "../protocol/index.ts";
import type { ConsumerHost } from "../channels/consumer-host.ts";
import { closeSockets } from "../close-sockets.ts";
import type { Logger } from "../log.ts";
import type { Authorize } from "./options.ts";
import type { AppSpec } from "../session/app.ts";
import type { SessionManager } from "../session/session-manager.ts";
import { openSessionOnSocket } from "./session-socket.ts";
import type { SessionMaking } from "./session-request.ts";

export interface SocketServerOptions {
  prefix: string;
  apps: ReadonlyMap<string, AppSpec>;
  sessions: SessionManager;
  logger: Logger;
  isAllowedOrigin: (origin: string | undefined, host: string | undefined) => boolean;
  /** The Host allow-list (hosts.ts): a socket for another name is refused 403. */
  isAllowedHost: (host: string | undefined) => boolean;
  /** 0: no pings. */
  keepAliveInterval: number;
  /** The largest message a page may send (bytes); a larger one closes the socket 1009. */
  maxMessageBytes: number;
  /** Consumer routes, for sockets that are not an app's. */
  consumers?: Pick<ConsumerHost, "matches" | "handleUpgrade">;
  /** The server's `authorize` hook: null refuses the socket (401). */
  authorize?: Authorize | undefined;
  /** How a socket that names no session gets a new one. */
  making: SessionMaking;
  /** The client's address of a request (behind believed proxies, the forwarded one). */
  clientAddress: (request: IncomingMessage) => string;
}

export function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\n${reason}\n`);
}

export class SocketServer {
  readonly wss: WebSocketServer;
  private readonly alive = new WeakSet<WebSocket>();
  private readonly pinger: NodeJS.Timeout | undefined;

  constructor(private readonly options: SocketServerOptions) {
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: options.maxMessageBytes,
      perMessageDeflate: false,
      // The page offers `aperture` and maybe its token (socket-protocols.ts); the answer names only `aperture`.
      handleProtocols: (protocols) => (protocols.has(SOCKET_PROTOCOL) ? SOCKET_PROTOCOL : false),
    });
    // Bokeh's --keep-alive 0: no pings (a proxy's idle timeout may then cut quiet sockets).
    if (options.keepAliveInterval > 0) this.pinger = setInterval(() => this.ping(), options.keepAliveInterval).unref();
  }

  /** Handles the upgrade when the path is one of ours; false leaves it to other handlers. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    let url: URL;
    try {
      url = new URL(request.url ?? "/", "http://localhost");
    } catch {
      return false;
    }
    const app = this.appOf(url);
    const consumers = this.options.consumers;
    if (!app && !consumers?.matches(url.pathname)) return false;
    if (!this.options.isAllowedHost(request.headers.host)) {
      refuseUpgrade(socket, 403, "Host not allowed");
      return true;
    }
    // Consumers are checked against the same origins as apps: a cross-site page must be allowed.
    if (!this.options.isAllowedOrigin(request.headers.origin, request.headers.host)) {
      this.options.logger.warn(`refused a socket for ${url.pathname} from origin ${request.headers.origin}: not in allowWebsocketOrigin`);
      refuseUpgrade(socket, 403, "Origin not allowed");
      return true;
    }
    this.authorize(request).then(
      (user) => {
        if (user === null) return refuseUpgrade(socket, 401, "Unauthorized");
        if (app) this.attachToSession(app, url, request, socket, head, user);
        else consumers!.handleUpgrade(request, socket, head, url, user);
      },
      (error: unknown) => {
        this.options.logger.error(`authorize failed for a socket to ${url.pathname}:`, error);
        refuseUpgrade(socket, 500, "Internal Server Error");
      },
    );
    return true;
  }

  private async authorize(request: IncomingMessage): Promise<unknown> {
    // Awaited here so that an authorize which throws is a rejection, handled with the others.
    return this.options.authorize ? await this.options.authorize(request) : undefined;
  }

  /** A socket with a token resumes its session; one without asks for a new session (session-socket.ts). */
  private attachToSession(app: AppSpec, url: URL, request: IncomingMessage, socket: Duplex, head: Buffer, user: unknown): void {
    this.wss.handleUpgrade(request, socket, head, (ws) => {
      this.alive.add(ws);
      ws.on("pong", () => this.alive.add(ws));
      ws.on("error", (error) => this.options.logger.warn(`socket error (${app.name}): ${error.message}`));
      const token = tokenOfProtocols(request.headers["sec-websocket-protocol"]);
      if (token === undefined) {
        const ask = { request, query: url.searchParams, user, address: this.options.clientAddress(request) };
        return openSessionOnSocket(ws, app, this.options.making, ask);
      }
      const result = this.options.sessions.attach(app, token, ws);
      if (!result.ok) {
        this.options.logger.warn(`refused a socket for ${app.name}: ${result.reason}`);
        ws.close(result.code, result.reason);
      }
    });
  }

  private appOf(url: URL): AppSpec | undefined {
    const { prefix, apps } = this.options;
    if (!url.pathname.startsWith(prefix + "/")) return undefined;
    const match = /^\/([^/]+)\/ws$/.exec(url.pathname.slice(prefix.length));
    return match ? apps.get(match[1]!) : undefined;
  }

  private ping(): void {
    for (const ws of this.wss.clients) {
      if (!this.alive.has(ws)) {
        ws.terminate();
        continue;
      }
      this.alive.delete(ws);
      ws.ping();
    }
  }

  /** Call after the sessions told their pages why (4010): lets those frames out, then cuts the rest. */
  async close(): Promise<void> {
    clearInterval(this.pinger);
    // Sockets still waiting for their new session are told to come back too.
    for (const ws of this.wss.clients) if (ws.readyState === ws.OPEN) ws.close(CLOSE_CODES.shuttingDown, "the server is shutting down");
    await closeSockets(this.wss);
  }
}
