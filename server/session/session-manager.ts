/**
 * All live sessions of a server: creates them (running the app's handler), hands sockets the
 * session their token names, and destroys sessions nobody has used for a while.
 */
import type { WebSocket } from "ws";
import { CLOSE_CODES, type RestoreEntry } from "../protocol/index.ts";
import type { SessionRequest, Unsubscribe } from "../document/session-context.ts";
import type { ChannelMessage } from "../channels/layer.ts";
import type { Logger } from "../log.ts";
import type { AppSpec } from "./app.ts";
import type { AddressBudgets, BudgetLimits } from "./budget.ts";
import { Session } from "./session.ts";
import { createToken, newSessionId, verifyToken } from "./tokens.ts";

export interface SessionManagerOptions {
  secret: string;
  logger: Logger;
  /** A session without a socket for this long is destroyed (ms). */
  unusedSessionLifetime: number;
  /** How often to look for unused sessions (ms). */
  checkUnusedSessionsInterval: number;
  /** How long a token may be used to connect (ms). */
  tokenLifetime: number;
  patchLogSize: number;
  budget: BudgetLimits;
  /** Bytes one socket may have unsent before it is closed as too slow (4009). */
  maxBufferedBytes: number;
  /** The largest message a page may send (bytes). */
  maxMessageBytes?: number;
  showErrorDetails?: boolean;
  /** Budgets per client address, shared with the address's consumer sockets. */
  addressBudgets: AddressBudgets;
  resumeLogBytes: number;
  sessionIdPrefix?: string;
  subscribe: (session: Session, group: string, handler: (message: ChannelMessage) => unknown) => Promise<Unsubscribe>;
}

export type AttachResult = { ok: true; session: Session } | { ok: false; code: number; reason: string };

export class SessionManager {
  private readonly sessions = new Map<string, Session>();
  private readonly sweeper: NodeJS.Timeout;
  private readonly startedAt = Date.now();
  /** The client address each session was made for, to bound sessions per address. */
  private readonly addresses = new Map<string, string>();
  /** Sessions wait for this (the apps' `onServerLoaded` hooks). */
  private ready: Promise<void> = Promise.resolve();

  constructor(private readonly options: SessionManagerOptions) {
    this.sweeper = setInterval(() => this.destroyUnused(), options.checkUnusedSessionsInterval);
    this.sweeper.unref();
  }

  /** Makes every session creation wait for `ready` first (and fail if it fails). */
  waitFor(ready: Promise<void>): void {
    this.ready = ready;
  }

  get size(): number {
    return this.sessions.size;
  }

  countFrom(address: string): number {
    let count = 0;
    for (const from of this.addresses.values()) if (from === address) count++;
    return count;
  }

  get(id: string): Session | undefined {
    return this.sessions.get(id);
  }

  all(): Session[] {
    return [...this.sessions.values()];
  }

  /**
   * Makes a session and its token; rejects when the handler throws. `restore`: values a page
   * kept from a lost session, applied after the handler as the person's writes.
   */
  async create(
    app: AppSpec,
    request: SessionRequest,
    address = "local",
    restore: readonly RestoreEntry[] = [],
  ): Promise<{ session: Session; token: string }> {
    const { logger, patchLogSize, resumeLogBytes, budget, maxBufferedBytes, maxMessageBytes, showErrorDetails, subscribe } = this.options;
    const addressBudget = this.options.addressBudgets.hold(address);
    const id = newSessionId(this.options.sessionIdPrefix);
    const limits = { patchLogSize, resumeLogBytes, budget, addressBudget, maxBufferedBytes, maxMessageBytes, showErrorDetails };
    const issueToken = () => this.tokenFor(app, id);
    const session = new Session({ id, app, request, logger, ...limits, subscribe, issueToken });
    this.sessions.set(session.id, session);
    this.addresses.set(session.id, address);
    try {
      await this.ready;
      // Bokeh's order: the hook first, so what it puts on session.state is there for the handler.
      await app.onSessionCreated?.(session.context);
      await session.init();
    } catch (error) {
      this.forget(session);
      session.destroy("the app's handler failed");
      throw error;
    }
    await session.restore(restore);
    return { session, token: issueToken() };
  }

  private tokenFor(app: AppSpec, sessionId: string): string {
    return createToken(this.options.secret, { sessionId, app: app.name, expiresAt: Date.now() + this.options.tokenLifetime });
  }

  /** Gives `socket` to the session its token names, or says why not (as a close code). */
  attach(app: AppSpec, token: string, socket: WebSocket): AttachResult {
    const check = verifyToken(this.options.secret, app.name, token);
    if (!check.ok) return { ok: false, code: CLOSE_CODES.badToken, reason: check.reason };
    const session = this.sessions.get(check.sessionId);
    if (!session) return this.missing(check.sessionId, check.expiresAt - this.options.tokenLifetime);
    if (!session.attach(socket))
      return { ok: false, code: CLOSE_CODES.rateLimited, reason: "this session reconnects too often; wait a little" };
    return { ok: true, session };
  }

  /**
   * Why a validly signed session is not here: made before this process started, or by another
   * process (a worker that died), it was lost in a restart and the page may start a new one;
   * otherwise it expired.
   */
  private missing(sessionId: string, issuedAt: number): AttachResult {
    const prefix = this.options.sessionIdPrefix ?? "";
    if (issuedAt < this.startedAt || !sessionId.startsWith(prefix)) {
      return { ok: false, code: CLOSE_CODES.sessionLost, reason: "the server restarted and this session was lost" };
    }
    return { ok: false, code: CLOSE_CODES.sessionNotFound, reason: "session expired or unknown; reload the page" };
  }

  async destroy(session: Session, reason: string, code: number = CLOSE_CODES.sessionNotFound): Promise<void> {
    if (!this.sessions.has(session.id)) return;
    this.forget(session);
    session.destroy(reason, code);
    try {
      await session.app.onSessionDestroyed?.(session.context);
    } catch (error) {
      this.options.logger.error(`app ${session.app.name} session ${session.id}: onSessionDestroyed failed:`, error);
    }
  }

  private forget(session: Session): void {
    this.sessions.delete(session.id);
    const address = this.addresses.get(session.id);
    this.addresses.delete(session.id);
    if (address !== undefined) this.options.addressBudgets.release(address);
  }

  destroyUnused(now = Date.now()): void {
    for (const session of this.sessions.values()) {
      if (session.idleSince !== undefined && now - session.idleSince >= this.options.unusedSessionLifetime) {
        void this.destroy(session, "session unused for too long");
      }
    }
  }

  /** Shutting down: every page is told to reconnect (elsewhere, or here after a restart). */
  async closeAll(reason: string): Promise<void> {
    clearInterval(this.sweeper);
    await Promise.all(this.all().map((session) => this.destroy(session, reason, CLOSE_CODES.shuttingDown)));
  }
}
