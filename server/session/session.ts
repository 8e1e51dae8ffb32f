/**
 * A session: one document, built by the app's handler, kept in sync with at most one socket.
 * It logs the patches it sent (bounded) so a reconnecting page can resume where it left off.
 */
import type { WebSocket } from "ws";
import {
  CLOSE_CODES,
  LIMITS,
  PROTOCOL_VERSION,
  SyncError,
  decodeClientMessage,
  isClientRequest,
  requestOutcome,
  type ClientMessage,
  type RestoreEntry,
  type ServerMessage,
} from "../protocol/index.ts";
import { Document, engineOf } from "../document/document.ts";
import type { FlushedPatch, Notification } from "../document/engine.ts";
import type { SessionContext, SessionRequest, Unsubscribe } from "../document/session-context.ts";
import type { ChannelMessage } from "../channels/layer.ts";
import type { Logger } from "../log.ts";
import type { AppSpec } from "./app.ts";
import { applyClientWrites, findConflict, validateClientOps } from "./client-patch.ts";
import { Inbox, type InboxItem } from "./inbox.ts";
import { ClientBudget, type BudgetLimits, type Overspent } from "./budget.ts";
import { RateLimit } from "./rate-limit.ts";
import { ResumeLog } from "./resume-log.ts";
import { restoreValues } from "./restore.ts";
import { WriteLog } from "./write-log.ts";
import { SendQueue, type SendQueueStats } from "./send-queue.ts";

/** Toasts kept for a page that is not synced yet (the oldest go first). */
const MAX_PENDING_NOTIFICATIONS = 10;

export interface SessionOptions {
  id: string;
  app: AppSpec;
  request: SessionRequest;
  logger: Logger;
  /** Patches kept for resuming, at most (the oldest go first). */
  patchLogSize: number;
  /** Bytes of patches kept for resuming, at most; a resume past them gets a snapshot. */
  resumeLogBytes: number;
  /** What one session may send; past it the socket is told and closed (4008). */
  budget: BudgetLimits;
  /** The budget shared by every session of the page's client address. */
  addressBudget: ClientBudget;
  /** Bytes one socket may have unsent before it is closed as too slow (4009). */
  maxBufferedBytes: number;
  /** The largest message a page may send (the server's `websocketMaxMessageSize`). */
  maxMessageBytes?: number;
  /** Send an error's own text to the page (else a generic message; the log has it either way). */
  showErrorDetails?: boolean;
  subscribe: (session: Session, group: string, handler: (message: ChannelMessage) => unknown) => Promise<Unsubscribe>;
  /** A fresh signed token for this session, sent in every `hello` (the page resumes with it). */
  issueToken: () => string;
}

/** A frame the socket carried before the session took it (the `hello` that asked for the session). */
export interface FirstFrame {
  data: Buffer;
  isBinary: boolean;
}

type Message<K extends ClientMessage["kind"]> = Extract<ClientMessage, { kind: K }>;

export class Session {
  readonly id: string;
  readonly app: AppSpec;
  readonly doc = new Document();
  /** The document's sync engine: state, versions, turns. */
  readonly engine = engineOf(this.doc);
  readonly context: SessionContext;
  socket: WebSocket | undefined;
  /** When the last socket left (or the session was made), for expiring unused sessions. */
  idleSince: number | undefined = Date.now();
  destroyed = false;
  /** The socket sent hello (so its other messages are accepted). */
  private greeted = false;
  /** The socket has been sent a snapshot or replay, so later patches go to it as they happen. */
  private synced = false;
  private origin: number | undefined;
  private readonly log: ResumeLog;
  /** Outcomes of the page's requests, so a request it sends again is answered, not run twice. */
  readonly writes = new WriteLog(LIMITS.keptOutcomes);
  private readonly pendingNotifications: Notification[] = [];
  private readonly inbox: Inbox;
  private readonly subscriptions = new Set<Unsubscribe>();
  private readonly joining = new Set<Promise<Unsubscribe>>();
  /** Counted per session, not per socket: a new socket starts nothing afresh. */
  private readonly budget: ClientBudget;
  private readonly reconnects: RateLimit;
  private sender: SendQueue | undefined;

  constructor(private readonly options: SessionOptions) {
    this.id = options.id;
    this.app = options.app;
    this.log = new ResumeLog({ maxEntries: options.patchLogSize, maxBytes: options.resumeLogBytes });
    const { maxMessagesPerSecond, maxBytesPerSecond, maxReconnectsPerMinute } = options.budget;
    this.budget = new ClientBudget("from one session", maxMessagesPerSecond, maxBytesPerSecond);
    this.reconnects = new RateLimit(maxReconnectsPerMinute / 60, maxReconnectsPerMinute);
    this.context = {
      id: this.id,
      app: this.app.name,
      argv: this.app.argv ?? [this.app.name],
      request: options.request,
      state: {},
      subscribe: (group, handler) => {
        const joining = options.subscribe(this, group, (message) => this.runTask(() => handler(message), `group "${group}" handler`));
        // The session is served only once the handler's groups are joined, so no message sent after the page loads is missed.
        this.joining.add(joining);
        return joining.then(
          (unsubscribe) => {
            this.joining.delete(joining);
            if (this.destroyed) unsubscribe();
            else this.subscriptions.add(unsubscribe);
            return () => {
              this.subscriptions.delete(unsubscribe);
              unsubscribe();
            };
          },
          (error: unknown) => {
            this.joining.delete(joining);
            throw error;
          },
        );
      },
    };
    this.doc.session = this.context;
    this.engine.connect({
      flush: (patch) => this.onFlush(patch),
      error: (error, context) => this.reportError(error, context),
      task: (fn, context) => this.runTask(fn, context),
      notify: (notification) => this.notify(notification),
    });
    this.inbox = new Inbox(
      (item) => this.process(item).catch((error: unknown) => this.reportError(error, "handling a message")),
      (message) => this.send({ kind: "ack", reqId: message.reqId, seq: this.engine.seq, superseded: true }),
    );
  }

  /** Runs the app's handler; a handler that throws fails the session's creation. */
  async init(): Promise<void> {
    await this.engine.runTurn(async () => {
      await this.app.handler(this.doc);
      await this.engine.settle();
      await Promise.all(this.joining);
    });
  }

  /**
   * The values the person set in a lost session (its page offers them), applied after the
   * handler ran, each as the person's write: validated, callbacks run (session/restore.ts).
   */
  async restore(entries: readonly RestoreEntry[]): Promise<void> {
    if (entries.length === 0) return;
    try {
      const { applied, skipped, refused } = await restoreValues(this.doc, this.engine, entries);
      const refusals = refused.length > 0 ? `; refused: ${refused.join("; ")}` : "";
      this.options.logger.info(`${this.describe()}: restored ${applied} values the page kept (${skipped} skipped)${refusals}`);
    } catch (error) {
      this.reportError(error, "restoring the page's values");
    }
  }

  /**
   * Takes over `socket` (an older socket of this session is closed); false when reconnecting
   * too often. `first`: a frame the socket already carried, read as if it came now.
   */
  attach(socket: WebSocket, first?: FirstFrame): boolean {
    if (!this.reconnects.take()) return false;
    if (this.socket) this.socket.close(CLOSE_CODES.sessionTaken, "another connection took over this session");
    this.socket = socket;
    this.sender = new SendQueue(
      socket,
      this.options.maxBufferedBytes,
      (unsent) =>
        this.options.logger.warn(`${this.describe()}: the page reads too slowly (${unsent} bytes unsent); closing its socket (4009)`),
      (fn) => this.inbox.push({ kind: "task", run: () => Promise.resolve(fn()) }),
    );
    this.greeted = false;
    this.synced = false;
    this.idleSince = undefined;
    socket.on("message", (data, isBinary) => this.receive(socket, data as Buffer, isBinary));
    socket.on("close", () => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      this.sender = undefined;
      this.idleSince = Date.now();
    });
    if (first) this.receive(socket, first.data, first.isBinary);
    return true;
  }

  destroy(reason: string, code: number = CLOSE_CODES.sessionNotFound): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.inbox.close();
    this.engine.callbacks.stopAll();
    for (const unsubscribe of [...this.subscriptions]) unsubscribe();
    this.subscriptions.clear();
    this.socket?.close(code, reason);
    this.socket = undefined;
  }

  /** What the current socket's send queue did (coalesced snapshots, pauses), for tests and monitoring. */
  get sendStats(): Readonly<SendQueueStats> | undefined {
    return this.sender?.stats;
  }

  get resumeLog(): ResumeLog {
    return this.log;
  }

  private receive(socket: WebSocket, data: Buffer, isBinary: boolean): void {
    // Once the server has closed a socket (rate limit, protocol error) it reads nothing more from it.
    if (socket !== this.socket || socket.readyState !== socket.OPEN) return;
    const overspent = this.overspent(data.byteLength);
    if (overspent) {
      this.options.logger.warn(`${this.describe()}: ${overspent.over}; closing the socket`);
      this.send({ kind: "error", code: "RATE_LIMITED", message: overspent.over });
      return void socket.close(CLOSE_CODES.rateLimited, "too many messages");
    }
    const decoded = decodeClientMessage(isBinary ? data : data.toString("utf8"), this.options.maxMessageBytes);
    if (!decoded.ok) {
      if (!this.greeted) return void socket.close(CLOSE_CODES.protocolError, "the first message must be hello");
      this.options.logger.warn(`${this.describe()}: refused a message: ${decoded.message}`);
      return this.send({ kind: "error", code: isBinary ? "PROTOCOL_BAD_FRAME" : "PROTOCOL_BAD_MESSAGE", message: decoded.message });
    }
    const message = decoded.value;
    if (!this.greeted && message.kind !== "hello") return void socket.close(CLOSE_CODES.protocolError, "the first message must be hello");
    if (message.kind === "ping") return this.send({ kind: "pong", t: message.t });
    if (message.kind === "hello") {
      if (message.protocol !== PROTOCOL_VERSION) {
        return void socket.close(
          CLOSE_CODES.protocolVersion,
          `protocol ${message.protocol} is not this server's ${PROTOCOL_VERSION}; reload the page`,
        );
      }
      // One snapshot per socket: a page resyncs by pull-doc (coalesced), not by greeting again.
      if (this.greeted) return this.send({ kind: "error", code: "PROTOCOL_BAD_MESSAGE", message: "this socket already said hello" });
      this.greeted = true;
    }
    if (isClientRequest(message) && !this.isNewRequest(message.reqId)) return;
    this.inbox.push({ kind: "message", message });
  }

  /** False for a request sent again after a reconnect: it is answered from the write log instead. */
  private isNewRequest(reqId: number): boolean {
    const arrival = this.writes.receive(reqId);
    if (arrival.kind === "answered") this.send(arrival.outcome);
    return arrival.kind === "new";
  }

  private async process(item: InboxItem): Promise<void> {
    if (item.kind === "task") return item.run();
    const { message } = item;
    switch (message.kind) {
      case "hello":
        return this.greet(message);
      case "patch":
      case "event":
        return this.turn(message);
      case "pull-doc":
        return this.sendSnapshot(() => this.send({ kind: "ack", reqId: message.reqId, seq: this.engine.seq }));
      case "ping":
        return;
    }
  }

  private greet(message: Message<"hello">): void {
    this.engine.flush();
    this.send({ kind: "hello", protocol: PROTOCOL_VERSION, sessionId: this.id, app: this.app.name, token: this.options.issueToken() });
    this.synced = true;
    const missed = message.resumeFrom === undefined ? undefined : this.log.since(message.resumeFrom, this.engine.seq);
    if (missed) for (const entry of missed) this.send({ kind: "patch", seq: entry.seq, ops: entry.ops });
    else this.sendSnapshot();
    for (const notification of this.pendingNotifications.splice(0)) this.send({ kind: "notify", ...notification });
  }

  /** A client patch or event: validate, apply, run callbacks, send what they changed, ack. */
  private async turn(message: Message<"patch"> | Message<"event">): Promise<void> {
    this.origin = message.reqId;
    let failure: SyncError | undefined;
    try {
      await this.engine.runTurn(() => (message.kind === "patch" ? this.applyClientPatch(message) : this.dispatchEvent(message)));
    } catch (error) {
      // Whatever went wrong, the request still gets its outcome (after the error is reported).
      if (error instanceof SyncError) failure = error;
      else this.reportError(error, `handling ${message.kind} ${message.reqId}`);
    } finally {
      this.origin = undefined;
    }
    if (failure) {
      this.options.logger.warn(`${this.describe()}: refused ${message.kind} ${message.reqId}: ${failure.code} ${failure.message}`);
      this.send({ kind: "error", reqId: message.reqId, code: failure.code, message: failure.message });
    } else {
      this.send({ kind: "ack", reqId: message.reqId, seq: this.engine.seq });
    }
  }

  private applyClientPatch(message: Message<"patch">): void {
    if (message.baseSeq > this.engine.seq) {
      throw new SyncError("PROTOCOL_BAD_MESSAGE", `baseSeq ${message.baseSeq} is ahead of the server's ${this.engine.seq}`);
    }
    const writes = validateClientOps(this.doc, message.ops);
    const conflict = findConflict(this.log, message.baseSeq, this.engine.seq, writes);
    if (conflict) throw new SyncError("DOC_VERSION_CONFLICT", conflict);
    applyClientWrites(this.engine, writes);
  }

  private dispatchEvent(message: Message<"event">): void {
    const model = this.doc.getModelById(message.model);
    if (!model) throw new SyncError("PATCH_UNKNOWN_MODEL", `no model "${message.model.slice(0, 40)}" in this session`);
    if (!model.events.includes(message.name))
      throw new SyncError("EVENT_UNKNOWN", `${model.type} has no event "${message.name.slice(0, 40)}"`);
    for (const callback of model.eventCallbacks.get(message.name) ?? []) {
      this.engine.runCallback(() => callback(message.payload), `${message.name} callback of ${String(model)}`);
    }
  }

  /** Timer and group callbacks wait their turn behind client messages. */
  private runTask(fn: () => unknown, context: string): void {
    this.inbox.push({
      kind: "task",
      run: () => this.engine.runTurn(() => this.engine.runCallback(fn, context)),
    });
  }

  private onFlush(patch: FlushedPatch): void {
    this.log.push(patch);
    if (this.synced)
      this.send({ kind: "patch", seq: patch.seq, ops: patch.ops, ...(this.origin === undefined ? {} : { origin: this.origin }) });
  }

  /** A toast for the page; one made before the page is synced (in the handler) waits for it. */
  private notify(notification: Notification): void {
    if (this.synced) return this.send({ kind: "notify", ...notification });
    this.pendingNotifications.push(notification);
    if (this.pendingNotifications.length > MAX_PENDING_NOTIFICATIONS) this.pendingNotifications.shift();
  }

  /** One snapshot in flight per socket: a request while one is unsent is answered by the next. */
  private sendSnapshot(answer?: () => void): void {
    // With no socket the answer is still recorded: the page will get a snapshot or replay on its next.
    if (!this.sender) return answer?.();
    this.sender.snapshot(() => {
      this.engine.flush();
      return { kind: "doc", seq: this.engine.seq, doc: this.engine.wireState() };
    }, answer);
  }

  private reportError(error: unknown, context: string): void {
    // A refusal of what the page sent (an event payload) is the page's mistake, not a crash.
    if (error instanceof SyncError) {
      this.options.logger.warn(`${this.describe()}: ${context}: ${error.code} ${error.message}`);
      return this.send({
        kind: "error",
        ...(this.origin === undefined ? {} : { reqId: this.origin }),
        code: error.code,
        message: error.message,
      });
    }
    this.options.logger.error(`${this.describe()}: ${context} failed:`, error);
    const message =
      this.options.showErrorDetails && error instanceof Error
        ? `${context} failed: ${error.message}`
        : `${context} failed (the server's log has the details)`;
    this.send({ kind: "error", ...(this.origin === undefined ? {} : { reqId: this.origin }), code: "CALLBACK_FAILED", message });
  }

  private send(message: ServerMessage): void {
    const outcome = requestOutcome(message);
    // Recorded even when no socket is there to carry it: the page will ask again.
    if (outcome) this.writes.settle(outcome);
    this.sender?.send(message);
  }

  /** The session's and its address's budgets, both charged for every frame. */
  private overspent(bytes: number): Overspent {
    return this.budget.charge(bytes) ?? this.options.addressBudget.charge(bytes);
  }

  private describe(): string {
    return `app ${this.app.name} session ${this.id}`;
  }
}
