/**
 * WebSocket upgrades for `/<app>/ws`: origin checked at the handshake, then the socket goes
 * to the session its token names. Keep-alive pings find dead sockets.
 */
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import { LIMITS } from "../protocol/index.ts";
import type { ConsumerHost } from "../channels/consumer-host.ts";
import type { Logger } from "../log.ts";
import type { AppSpec } from "../session/app.ts";
import type { SessionManager } from "../session/session-manager.ts";

export interface SocketServerOptions {
  prefix: string;
  apps: ReadonlyMap<string, AppSpec>;
  sessions: SessionManager;
  logger: Logger;
  isAllowedOrigin: (origin: string | undefined, host: string | undefined) => boolean;
  keepAliveInterval: number;
  /** Consumer routes, for sockets that are not an app's. */
  consumers?: Pick<ConsumerHost, "matches" | "handleUpgrade">;
}

export function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\n${reason}\n`);
}

export class SocketServer {
  readonly wss = new WebSocketServer({ noServer: true, maxPayload: LIMITS.maxClientFrameBytes, perMessageDeflate: false });
  private readonly alive = new WeakSet<WebSocket>();
  private readonly pinger: NodeJS.Timeout;

  constructor(private readonly options: SocketServerOptions) {
    this.pinger = setInterval(() => this.ping(), options.keepAliveInterval);
    this.pinger.unref();
  }

  /** Handles the upgrade when the path is one of ours; false leaves it to other handlers. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    let url: URL;
    try {
      url = new URL(request.url ?? "/", "http://localhost");
    } catch {
      return false;
    }
    // Consumers are checked against the same origins as apps: a cross-site page must be allowed.
    if (!this.options.isAllowedOrigin(request.headers.origin, request.headers.host)) {
      if (!this.isOurs(url)) return false;
      this.options.logger.warn(`refused a socket for ${url.pathname} from origin ${request.headers.origin}: not in allowWebsocketOrigin`);
      refuseUpgrade(socket, 403, "Origin not allowed");
      return true;
    }
    const app = this.appOf(url);
    if (!app) return this.options.consumers?.handleUpgrade(request, socket, head, url) ?? false;
    this.wss.handleUpgrade(request, socket, head, (ws) => {
      this.alive.add(ws);
      ws.on("pong", () => this.alive.add(ws));
      ws.on("error", (error) => this.options.logger.warn(`socket error (${app.name}): ${error.message}`));
      const result = this.options.sessions.attach(app, url.searchParams.get("token") ?? "", ws);
      if (!result.ok) {
        this.options.logger.warn(`refused a socket for ${app.name}: ${result.reason}`);
        ws.close(result.code, result.reason);
      }
    });
    return true;
  }

  private appOf(url: URL): AppSpec | undefined {
    const { prefix, apps } = this.options;
    if (!url.pathname.startsWith(prefix + "/")) return undefined;
    const match = /^\/([^/]+)\/ws$/.exec(url.pathname.slice(prefix.length));
    return match ? apps.get(match[1]!) : undefined;
  }

  /** Whether an upgrade to `url` would be served here (by an app or a consumer route). */
  private isOurs(url: URL): boolean {
    return this.appOf(url) !== undefined || (this.options.consumers?.matches(url.pathname) ?? false);
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

  close(): void {
    clearInterval(this.pinger);
    for (const ws of this.wss.clients) ws.terminate();
    this.wss.close();
  }
}
