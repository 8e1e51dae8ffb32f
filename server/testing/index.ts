/**
 * `aperture/testing`: a session of an app without a browser or a socket, for tests of
 * handlers and callbacks (Vitest, node:test, Jest: nothing here depends on a test runner).
 *
 * A write goes through what the server does to a page's write: the same validation (only
 * client-writable attributes, valid values), then the callbacks, then the changes leave as
 * the patch the page would get. Turns run one at a time, in order, as in a real session.
 * @example
 * const s = await openSession(app, { arguments: { points: "100" } });
 * s.set("window", "value", 3);
 * await s.settled();
 * expect(s.column("source", "smoothed")).toEqual(expected);
 * s.close();
 */
import { getChannelLayer } from "../channels/index.ts";
import type { ChannelMessage } from "../channels/layer.ts";
import { subscribeGroup } from "../channels/listen.ts";
import { Document, engineOf } from "../document/document.ts";
import type { Model } from "../document/model.ts";
import type { SessionContext, SessionRequest, Unsubscribe } from "../document/session-context.ts";
import type { DocOp, Value } from "../protocol/index.ts";
import { SyncError, toPointer } from "../protocol/index.ts";
import type { AppSpec, Handler } from "../session/app.ts";
import { validateClientOps } from "../session/client-patch.ts";

export { SyncError } from "../protocol/index.ts";

export interface OpenSessionOptions {
  /** The page's query arguments: `doc.session.request.arguments`. */
  arguments?: Record<string, string>;
  headers?: Record<string, string>;
  cookies?: Record<string, string>;
  /** What an `authorize` hook would have returned for the page request. */
  user?: unknown;
}

/** What the page would have been told, in order. */
export type SessionEvent = { kind: "patch"; seq: number; ops: DocOp[] } | { kind: "error"; code: string; message: string };

/** An app as `openSession` takes it: its handler, an app module (`import * as app`), or an AppSpec. */
export type TestedApp = Handler | { default: Handler } | Pick<AppSpec, "handler">;

export class TestSession {
  readonly doc = new Document();
  /** Patches and errors the page would have received, oldest first. */
  readonly events: SessionEvent[] = [];
  #turns: Promise<void> = Promise.resolve();
  #closed = false;
  readonly #engine = engineOf(this.doc);
  readonly #subscriptions = new Set<Unsubscribe>();

  constructor(request: SessionRequest) {
    this.doc.session = this.#context(request);
    this.#engine.connect({
      flush: (patch) => this.events.push({ kind: "patch", seq: patch.seq, ops: patch.ops }),
      error: (error, context) => this.#reportError(error, context),
      task: (fn, context) => void this.#turn(() => this.#engine.runCallback(fn, context)),
    });
  }

  /** Runs the handler as the session's first turn. */
  async open(handler: Handler): Promise<void> {
    await this.#turn(() => handler(this.doc));
  }

  /**
   * Writes `attr` of the model named `name` as the page would: refused (a `SyncError` with the
   * code the page would get) unless the attribute is client-writable and the value valid.
   * Its callbacks run in the session's next turn; `await settled()` to see their changes.
   */
  set(name: string, attr: string, value: unknown): void {
    const model = this.get(name);
    const path = toPointer(["models", model.id!, "attrs", attr]);
    const writes = validateClientOps(this.doc, [{ op: "replace", path, value: value as Value }]);
    void this.#turn(() => {
      for (const write of writes) this.#engine.writeAttr(write.model, write.attr, write.value, { fromClient: true });
    });
  }

  /** Sends the model's page event (a button's `"click"`, a figure's `"tap"` with its payload). */
  trigger(name: string, event: string, payload: unknown = {}): void {
    const model = this.get(name);
    if (!model.events.includes(event)) throw new SyncError("EVENT_UNKNOWN", `${model.type} has no event "${event}"`);
    void this.#turn(() => {
      for (const callback of model.eventCallbacks.get(event) ?? [])
        this.#engine.runCallback(() => callback(payload), `${event} callback of ${String(model)}`);
    });
  }

  /** Waits until every turn so far, and every callback they started, has finished. */
  async settled(): Promise<void> {
    let tail: Promise<void>;
    do {
      tail = this.#turns;
      await tail;
      await this.#engine.settle();
    } while (tail !== this.#turns);
  }

  /** The model named `name`; throws when the document has none. */
  get<M extends Model = Model>(name: string): M {
    const model = this.doc.getModelByName(name);
    if (!model) throw new Error(`the document has no model named "${name}"`);
    return model as M;
  }

  /** A column of the source named `name`, as plain numbers or values. */
  column(name: string, column: string): unknown[] {
    const data = this.get(name).getAttr("data") as Record<string, ArrayLike<unknown>>;
    if (!Object.hasOwn(data, column))
      throw new Error(`${name} has no column "${column}" (it has ${Object.keys(data).join(", ") || "none"})`);
    return Array.from(data[column]!);
  }

  /** Ends the session: its timers stop and it leaves its groups. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#engine.callbacks.stopAll();
    for (const unsubscribe of this.#subscriptions) unsubscribe();
    this.#subscriptions.clear();
  }

  #turn(fn: () => unknown): Promise<void> {
    const run = this.#turns.then(() => (this.#closed ? undefined : this.#engine.runTurn(fn)));
    this.#turns = run.catch((error: unknown) => this.#reportError(error, "a turn"));
    return run;
  }

  #reportError(error: unknown, context: string): void {
    const code = error instanceof SyncError ? error.code : "CALLBACK_FAILED";
    const message = error instanceof Error ? `${context} failed: ${error.message}` : `${context} failed`;
    this.events.push({ kind: "error", code, message });
  }

  #context(request: SessionRequest): SessionContext {
    return {
      id: "test-session",
      app: "test",
      argv: ["test"],
      request,
      state: {},
      subscribe: async (group: string, handler: (message: ChannelMessage) => unknown) => {
        const unsubscribe = await subscribeGroup(
          getChannelLayer(),
          group,
          (message) => void this.#turn(() => handler(message)),
          (error) => this.#reportError(error, `group "${group}"`),
        );
        this.#subscriptions.add(unsubscribe);
        return () => {
          this.#subscriptions.delete(unsubscribe);
          unsubscribe();
        };
      },
    };
  }
}

/** Opens a session of `app` as a page with these query arguments would, and runs its handler. */
export async function openSession(app: TestedApp, options: OpenSessionOptions = {}): Promise<TestSession> {
  const handler = typeof app === "function" ? app : "handler" in app ? app.handler : app.default;
  if (typeof handler !== "function") throw new TypeError("openSession needs a handler, an app module with a default export, or an AppSpec");
  const request: SessionRequest = {
    arguments: options.arguments ?? {},
    headers: options.headers ?? {},
    cookies: options.cookies ?? {},
    ...(options.user === undefined ? {} : { user: options.user }),
  };
  const session = new TestSession(request);
  await session.open(handler);
  return session;
}
