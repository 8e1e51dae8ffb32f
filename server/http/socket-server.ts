/**
 * WebSocket upgrades for `/<app>/ws`: origin checked at the handshake, then the socket goes
 * to the session its token names. Keep-alive pings find dead sockets.
 */
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import { LIMITS } from "../protocol/index.ts";
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
    const url = new URL(request.url ?? "/", "http://localhost");
    const match = url.pathname.startsWith(this.options.prefix + "/") ? /^\/([^/]+)\/ws$/.exec(url.pathname.slice(this.options.prefix.length)) : null;
    const app = match ? this.options.apps.get(decodeURIComponent(match[1]!)) : undefined;
    if (!app) return false;
    if (!this.options.isAllowedOrigin(request.headers.origin, request.headers.host)) {
      this.options.logger.warn(`refused a socket for ${app.name} from origin ${request.headers.origin}: not in allowWebsocketOrigin`);
      refuseUpgrade(socket, 403, "Origin not allowed");
      return true;
    }
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
