/**
 * One WebSocket per session: the `hello` handshake, resume after a drop, reconnect with
 * backoff, a heartbeat that notices dead networks, and an outbox for messages sent offline.
 */
import {
  CLOSE_CODES,
  PROTOCOL_VERSION,
  decodeServerMessage,
  encodeFrame,
  type ClientMessage,
  type ServerMessage,
} from "../../server/protocol/index.ts";
import { backoffDelay, type BackoffOptions } from "./backoff.ts";
import { Outbox } from "./outbox.ts";

export type SyncStatus = "connecting" | "synced" | "offline" | "expired" | "lost" | "error";

type Message<K extends ServerMessage["kind"]> = Extract<ServerMessage, { kind: K }>;

/** What receives the server's document messages (the ClientDocument). */
export interface SyncTarget {
  readonly loaded: boolean;
  readonly seq: number;
  receiveHello(message: Message<"hello">): void;
  receiveDoc(message: Message<"doc">): void;
  receivePatch(message: Message<"patch">): void;
  receiveAck(message: Message<"ack">): void;
  receiveError(message: Message<"error">): void;
}

export interface ConnectionOptions {
  /** The socket URL, token included. */
  url: string;
  target: SyncTarget;
  onStatus(status: SyncStatus, detail?: string): void;
  /** A toast the app sent (`doc.notify`). */
  onNotify?(message: Message<"notify">): void;
  backoff?: BackoffOptions;
  /** How often to ping; a socket silent for 2.5 intervals is given up and replaced. */
  heartbeatMs?: number;
}

/** Close codes after which reconnecting cannot help. */
const FINAL_CLOSES: ReadonlyMap<number, { status: SyncStatus; detail: string }> = new Map([
  [CLOSE_CODES.sessionNotFound, { status: "expired", detail: "This session has ended." }],
  [CLOSE_CODES.protocolVersion, { status: "expired", detail: "This page is out of date: the server was updated." }],
  [CLOSE_CODES.badToken, { status: "expired", detail: "This session is no longer valid (the server may have restarted)." }],
  [CLOSE_CODES.sessionTaken, { status: "expired", detail: "This session was opened in another window." }],
  [CLOSE_CODES.sessionLost, { status: "lost", detail: "The server restarted and this session was lost." }],
  [CLOSE_CODES.protocolError, { status: "error", detail: "The server refused this page's messages." }],
]);

function assertNever(value: never): never {
  throw new Error(`unexpected server message ${JSON.stringify(value)}`);
}

export class Connection {
  readonly #options: ConnectionOptions;
  readonly #outbox = new Outbox();
  #socket: WebSocket | undefined;
  /** True between the server's `hello` and the socket's end: messages go out directly. */
  #ready = false;
  #final = false;
  #attempt = 0;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #heartbeatTimer: ReturnType<typeof setInterval> | undefined;
  #lastHeard = 0;
  /** The `t` of the ping sent after a resume: its pong follows every replayed patch. */
  #resumeProbe: number | undefined;

  constructor(options: ConnectionOptions) {
    this.#options = options;
  }

  start(): void {
    this.#options.onStatus("connecting");
    globalThis.addEventListener("online", () => this.#retryNow());
    this.#open();
  }

  /** Sends now when the session is up, else queues until it is back. */
  send(message: ClientMessage): void {
    if (this.#ready) this.#transmit(message);
    else this.#outbox.push(message);
  }

  #open(): void {
    this.#retryTimer = undefined;
    const socket = new WebSocket(this.#options.url);
    socket.binaryType = "arraybuffer";
    socket.onopen = () => {
      const { loaded, seq } = this.#options.target;
      this.#transmit({ kind: "hello", protocol: PROTOCOL_VERSION, ...(loaded ? { resumeFrom: seq } : {}) });
      this.#startHeartbeat();
    };
    socket.onmessage = (event: MessageEvent<string | ArrayBuffer>) => this.#receive(event.data);
    socket.onclose = (event) => this.#closed(event.code, event.reason);
    this.#socket = socket;
  }

  #transmit(message: ClientMessage): void {
    this.#socket?.send(encodeFrame(message));
  }

  #receive(data: string | ArrayBuffer): void {
    this.#lastHeard = Date.now();
    const decoded = decodeServerMessage(data);
    if (!decoded.ok) {
      this.#fail("error", `The server sent a message this page cannot read (${decoded.message}).`);
      return;
    }
    const message = decoded.value;
    const target = this.#options.target;
    switch (message.kind) {
      case "hello":
        this.#hello(message);
        break;
      case "doc":
        target.receiveDoc(message);
        this.#synced();
        break;
      case "patch":
        target.receivePatch(message);
        break;
      case "ack":
        target.receiveAck(message);
        break;
      case "error":
        target.receiveError(message);
        break;
      case "pong":
        if (message.t === this.#resumeProbe) this.#synced();
        break;
      case "notify":
        this.#options.onNotify?.(message);
        break;
      default:
        assertNever(message);
    }
  }

  #hello(message: Message<"hello">): void {
    if (message.protocol !== PROTOCOL_VERSION) {
      this.#fail("expired", "This page is out of date: the server speaks another protocol version.");
      return;
    }
    this.#options.target.receiveHello(message);
    this.#ready = true;
    if (this.#options.target.loaded) {
      this.#resumeProbe = Date.now();
      this.#transmit({ kind: "ping", t: this.#resumeProbe });
    }
    this.#outbox.drain((queued) => this.#transmit(queued));
  }

  #synced(): void {
    this.#attempt = 0;
    this.#resumeProbe = undefined;
    this.#options.onStatus("synced");
  }

  #closed(code: number, reason: string): void {
    this.#detach();
    if (this.#final) return;
    // The app's code changed (aperture serve --dev): load the page again, new code and all.
    if (code === CLOSE_CODES.reload) {
      this.#final = true;
      return location.reload();
    }
    const final = FINAL_CLOSES.get(code);
    if (final !== undefined) {
      this.#fail(final.status, reason ? `${final.detail} (${reason})` : final.detail);
      return;
    }
    this.#options.onStatus("offline", reason || undefined);
    this.#retryTimer = setTimeout(() => this.#open(), backoffDelay(this.#attempt++, this.#options.backoff));
  }

  /** Reconnects at once when the browser says the network is back. */
  #retryNow(): void {
    if (this.#retryTimer === undefined || this.#final) return;
    clearTimeout(this.#retryTimer);
    this.#open();
  }

  #startHeartbeat(): void {
    const interval = this.#options.heartbeatMs ?? 15_000;
    this.#lastHeard = Date.now();
    this.#heartbeatTimer = setInterval(() => {
      if (Date.now() - this.#lastHeard > interval * 2.5) {
        // A dead network may never finish a closing handshake: drop the socket ourselves.
        this.#socket?.close();
        this.#closed(1006, "no answer from the server");
      } else if (this.#ready) {
        this.#transmit({ kind: "ping", t: Date.now() });
      }
    }, interval);
  }

  /** Forgets the current socket: its late events must not reach this connection. */
  #detach(): void {
    clearInterval(this.#heartbeatTimer);
    this.#ready = false;
    const socket = this.#socket;
    this.#socket = undefined;
    if (socket !== undefined) socket.onopen = socket.onmessage = socket.onclose = null;
  }

  /** Stops for good: the page shows `detail` and offers a reload. */
  #fail(status: SyncStatus, detail: string): void {
    this.#final = true;
    const socket = this.#socket;
    this.#detach();
    socket?.close();
    clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
    console.warn(`[aperture] connection ${status}: ${detail}`);
    this.#options.onStatus(status, detail);
  }
}
