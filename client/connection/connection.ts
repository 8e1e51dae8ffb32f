/**
 * One WebSocket per session: the `hello` handshake, resume after a drop, reconnect with
 * backoff, a heartbeat that notices dead networks, and every unsettled request sent again
 * on each new socket (see docs/protocol.md, "Writes").
 */
import {
  CLOSE_CODES,
  LIMITS,
  PROTOCOL_VERSION,
  decodeServerMessage,
  encodeFrame,
  isRestartClose,
  reconnectingText,
  requestOutcome,
  socketProtocols,
  type ClientMessage,
  type RestoreEntry,
  type ServerMessage,
} from "../../server/protocol/index.ts";
import { backoffDelay, type BackoffOptions } from "./backoff.ts";
import { Heartbeat, type HeartbeatOptions } from "./heartbeat.ts";
import type { PendingRequests } from "./pending-requests.ts";

export type SyncStatus = "connecting" | "synced" | "offline" | "expired" | "lost" | "error";

type Message<K extends ServerMessage["kind"]> = Extract<ServerMessage, { kind: K }>;

/** What receives the server's document messages (the ClientDocument). */
export interface SyncTarget {
  readonly loaded: boolean;
  readonly seq: number;
  /** The requests not settled yet: sent again, in order, on every new socket. */
  readonly pending: PendingRequests;
  /** What the person set in a lost session, offered by a socket that asks for a new session. */
  restoreEntries(): RestoreEntry[];
  receiveHello(message: Message<"hello">): void;
  receiveDoc(message: Message<"doc">): void;
  receivePatch(message: Message<"patch">): void;
  receiveAck(message: Message<"ack">): void;
  receiveError(message: Message<"error">): void;
}

export interface ConnectionOptions {
  /** The socket URL (never with a token: it goes in the handshake's sub-protocols). */
  url: string;
  /** The session to resume; without one, the first socket asks for a new session. */
  token?: string;
  target: SyncTarget;
  onStatus(status: SyncStatus, detail?: string): void;
  /** A toast the app sent (`doc.notify`). */
  onNotify?(message: Message<"notify">): void;
  backoff?: BackoffOptions;
  /** How often to ping, and how long a silent socket is kept before it is replaced. */
  heartbeat?: HeartbeatOptions;
}

/** Close codes after which reconnecting cannot help. */
const FINAL_CLOSES: ReadonlyMap<number, { status: SyncStatus; detail: string }> = new Map([
  [CLOSE_CODES.sessionNotFound, { status: "expired", detail: "This session has ended." }],
  [CLOSE_CODES.protocolVersion, { status: "expired", detail: "This page is out of date: the server was updated." }],
  // A server restarted without a shared secret no longer knows its own tokens: start over, as after 4012.
  [CLOSE_CODES.badToken, { status: "lost", detail: "This session is no longer valid (the server may have restarted)." }],
  [CLOSE_CODES.sessionTaken, { status: "expired", detail: "This session was opened in another window." }],
  [CLOSE_CODES.sessionLost, { status: "lost", detail: "The server restarted and this session was lost." }],
  [CLOSE_CODES.protocolError, { status: "error", detail: "The server refused this page's messages." }],
  [CLOSE_CODES.sessionRefused, { status: "error", detail: "The server could not start this app." }],
]);

/** After "shutting down, come back" (4010), retry at least this often: the new process is up in seconds. */
const COME_BACK_MAX_MS = 1_000;

function assertNever(value: never): never {
  throw new Error(`unexpected server message ${JSON.stringify(value)}`);
}

export class Connection {
  readonly #options: ConnectionOptions;
  #socket: WebSocket | undefined;
  /** True between the server's `hello` and the socket's end: messages go out directly. */
  #ready = false;
  /** Requests this socket carried whose outcome has not arrived (at most LIMITS.maxInFlight). */
  readonly #inFlight = new Set<number>();
  #final = false;
  #attempt = 0;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #heartbeat: Heartbeat | undefined;
  /** The `t` of the ping sent after a resume: its pong follows every replayed patch. */
  #resumeProbe: number | undefined;
  /** The session's latest token (each server `hello` brings a fresh one). */
  #token: string | undefined;
  /** The server closed with 4010: it is restarting, so retry briskly. */
  #comeBack = false;

  constructor(options: ConnectionOptions) {
    this.#options = options;
    this.#token = options.token;
  }

  start(): void {
    this.#options.onStatus("connecting");
    // A window: reconnect as soon as the browser says the network is back (Node has no such event).
    (globalThis as { addEventListener?: EventTarget["addEventListener"] }).addEventListener?.("online", () => this.#retryNow());
    this.#open();
  }

  /**
   * Sends now when the session is up; otherwise the message waits among the pending requests
   * (which the target keeps), and a patch replaces the pending ones it supersedes.
   */
  send(message: ClientMessage): void {
    if (!("reqId" in message)) return void (this.#ready && this.#transmit(message));
    if (this.#ready) this.#pump();
    else this.#options.target.pending.dropSupersededBy(message);
  }

  #open(): void {
    this.#retryTimer = undefined;
    const socket = new WebSocket(this.#options.url, socketProtocols(this.#token));
    socket.binaryType = "arraybuffer";
    socket.onopen = () => this.#greet();
    socket.onmessage = (event: { data: string | ArrayBuffer }) => this.#receive(event.data);
    socket.onclose = (event) => this.#closed(event.code, event.reason);
    this.#socket = socket;
  }

  /** Resumes the session the token names, or asks for a new one, offering what the person had set. */
  #greet(): void {
    const { loaded, seq } = this.#options.target;
    const restore = this.#token === undefined ? this.#options.target.restoreEntries() : [];
    this.#transmit({
      kind: "hello",
      protocol: PROTOCOL_VERSION,
      ...(loaded && this.#token !== undefined ? { resumeFrom: seq } : {}),
      ...(restore.length > 0 ? { restore } : {}),
    });
    this.#startHeartbeat();
  }

  #transmit(message: ClientMessage): void {
    this.#socket?.send(encodeFrame(message));
  }

  /** Puts pending requests this socket has not carried on it, oldest first, up to the in-flight bound. */
  #pump(): void {
    const pending = this.#options.target.pending;
    for (const request of pending.inOrder()) {
      if (this.#inFlight.size >= LIMITS.maxInFlight) return;
      if (this.#inFlight.has(request.reqId)) continue;
      this.#transmit(request);
      this.#inFlight.add(request.reqId);
      pending.markSent(request.reqId);
    }
  }

  /** An outcome arrived: the request is off this socket, and one waiting may go. */
  #settled(reqId: number | undefined): void {
    if (reqId === undefined || !this.#inFlight.delete(reqId)) return;
    if (this.#ready) this.#pump();
  }

  #receive(data: string | ArrayBuffer): void {
    this.#heartbeat?.heard();
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
        this.#settled(message.reqId);
        break;
      case "error":
        target.receiveError(message);
        this.#settled(requestOutcome(message)?.reqId);
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
    this.#token = message.token;
    this.#options.target.receiveHello(message);
    this.#ready = true;
    if (this.#options.target.loaded) {
      this.#resumeProbe = Date.now();
      this.#transmit({ kind: "ping", t: this.#resumeProbe });
    }
    // Sent again: whatever the last socket carried may never have arrived, and its answer surely did not.
    this.#pump();
  }

  #synced(): void {
    this.#attempt = 0;
    this.#comeBack = false;
    this.#resumeProbe = undefined;
    this.#options.onStatus("synced");
  }

  #closed(code: number, reason: string): void {
    this.#detach();
    if (this.#final) return;
    // The app's code changed (aperture serve --dev): load the page again, new code and all.
    if (code === CLOSE_CODES.reload) {
      this.#final = true;
      return (globalThis as unknown as { location: { reload(): void } }).location.reload();
    }
    const final = FINAL_CLOSES.get(code);
    if (final !== undefined) {
      this.#fail(final.status, reason ? `${final.detail} (${reason})` : final.detail);
      return;
    }
    // Restarting until a socket is synced again: the refused retries in between do not undo it.
    if (isRestartClose(code)) this.#comeBack = true;
    this.#options.onStatus("offline", reconnectingText(this.#comeBack));
    const backoff = this.#comeBack
      ? { ...this.#options.backoff, maxMs: Math.min(this.#options.backoff?.maxMs ?? COME_BACK_MAX_MS, COME_BACK_MAX_MS) }
      : this.#options.backoff;
    this.#retryTimer = setTimeout(() => this.#open(), backoffDelay(this.#attempt++, backoff));
  }

  /** Reconnects at once when the browser says the network is back. */
  #retryNow(): void {
    if (this.#retryTimer === undefined || this.#final) return;
    clearTimeout(this.#retryTimer);
    this.#open();
  }

  #startHeartbeat(): void {
    this.#heartbeat = new Heartbeat(
      {
        ping: () => this.#ready && this.#transmit({ kind: "ping", t: Date.now() }),
        dead: () => {
          // A dead network may never finish a closing handshake: drop the socket ourselves.
          this.#socket?.close();
          this.#closed(1006, "no answer from the server");
        },
      },
      this.#options.heartbeat,
    );
    this.#heartbeat.start();
  }

  /** Forgets the current socket: its late events must not reach this connection. */
  #detach(): void {
    this.#heartbeat?.stop();
    this.#heartbeat = undefined;
    this.#ready = false;
    this.#inFlight.clear();
    const socket = this.#socket;
    this.#socket = undefined;
    if (socket !== undefined) socket.onopen = socket.onmessage = socket.onclose = null;
  }

  /** Closes the socket and stops reconnecting (the app is taken out of the page). */
  close(): void {
    this.#final = true;
    const socket = this.#socket;
    this.#detach();
    socket?.close();
    clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
  }

  /** Stops for good: the page shows `detail` and offers a reload. */
  #fail(status: SyncStatus, detail: string): void {
    this.close();
    console.warn(`[aperture] connection ${status}: ${detail}`);
    this.#options.onStatus(status, detail);
  }
}
